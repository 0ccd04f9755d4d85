package dev.sessionshop.web.catalog;

import dev.sessionshop.catalog.Product;
import dev.sessionshop.catalog.ProductCatalog;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves {@code /images/products/<id>.svg}, drawn from the product's hue and shape: the shop ships its
 * pictures and never loads one from another site. Cacheable for a day; never touches the session.
 */
@WebServlet("/images/products/*")
public class ProductPictureServlet extends HttpServlet {

    @EJB
    private ProductCatalog catalog;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo();
        Optional<Product> product = pathInfo != null && pathInfo.endsWith(".svg")
                ? catalog.find(pathInfo.substring(1, pathInfo.length() - ".svg".length()))
                : Optional.empty();
        if (product.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("image/svg+xml");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "public, max-age=86400");
        response.getWriter().write(ProductPicture.svg(product.get()));
    }
}
