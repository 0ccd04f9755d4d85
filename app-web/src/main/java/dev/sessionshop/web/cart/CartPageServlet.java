package dev.sessionshop.web.cart;

import dev.sessionshop.cart.CartService;
import dev.sessionshop.web.session.ShopSession;
import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The cart page at {@code /cart}: its lines, with forms to change, remove and empty. */
@WebServlet("/cart")
public class CartPageServlet extends HttpServlet {

    @EJB
    private CartService carts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        HttpSession session = ShopSession.getOrCreate(request);
        request.setAttribute("csrfToken", ShopSession.csrfToken(session));
        request.setAttribute("cart", carts.view(SessionCart.of(session)));
        request.getRequestDispatcher("/WEB-INF/jsp/cart.jsp").forward(request, response);
    }
}
