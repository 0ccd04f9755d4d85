package dev.sessionshop.web.catalog;

import dev.sessionshop.catalog.Product;
import dev.sessionshop.catalog.ProductCatalog;
import dev.sessionshop.web.error.ErrorResponses;
import dev.sessionshop.web.session.ShopSession;
import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * The product list at {@code /} and a product's page at {@code /products/<id>}. Viewing the shop starts a
 * session: the session panel, and the forms' CSRF token, need one.
 */
@WebServlet(urlPatterns = {"", "/products/*"})
public class CatalogPageServlet extends HttpServlet {

    @EJB
    private ProductCatalog catalog;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("".equals(request.getServletPath())) {
            request.setAttribute("products", catalog.all());
            render(request, response, "products.jsp");
            return;
        }
        Optional<Product> product = productOf(request.getPathInfo());
        if (product.isEmpty()) {
            ErrorResponses.send(request, response, 404, "There is no such product in the shop.");
            return;
        }
        request.setAttribute("product", product.get());
        render(request, response, "product.jsp");
    }

    private Optional<Product> productOf(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2 || pathInfo.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        return catalog.find(pathInfo.substring(1));
    }

    private static void render(HttpServletRequest request, HttpServletResponse response, String page)
            throws ServletException, IOException {
        HttpSession session = ShopSession.getOrCreate(request);
        request.setAttribute("csrfToken", ShopSession.csrfToken(session));
        request.getRequestDispatcher("/WEB-INF/jsp/" + page).forward(request, response);
    }
}
