package dev.sessionshop.web.cart;

import dev.sessionshop.cart.Cart;
import dev.sessionshop.cart.CartService;
import dev.sessionshop.cart.Quantity;
import dev.sessionshop.cart.ShopException;
import dev.sessionshop.web.error.ErrorResponses;
import dev.sessionshop.web.session.ShopSession;
import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The cart's HTML forms: {@code POST /cart/add}, {@code /cart/update}, {@code /cart/remove} and
 * {@code /cart/empty}. Each must carry the session's CSRF token; a refused form changes nothing and
 * gets the error page with the reason. On success, redirect to the cart (post/redirect/get).
 */
@WebServlet("/cart/*")
public class CartFormServlet extends HttpServlet {

    static final String CSRF_PARAMETER = "csrf";

    @EJB
    private CartService carts;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        UnaryOperator<Cart> change = changeFor(request.getPathInfo(), request);
        if (change == null) {
            ErrorResponses.send(request, response, 404, "There is no such cart action.");
            return;
        }
        if (!ShopSession.csrfTokenMatches(ShopSession.existing(request), request.getParameter(CSRF_PARAMETER))) {
            ErrorResponses.send(request, response, 403,
                    "This form has expired or did not come from this shop, so nothing was changed. "
                            + "Go back, reload the page and try again.");
            return;
        }
        try {
            SessionCart.update(request, change);
        } catch (ShopException refused) {
            ErrorResponses.send(request, response, ErrorResponses.statusOf(refused), refused.getMessage());
            return;
        }
        response.sendRedirect(request.getContextPath() + "/cart");
    }

    private UnaryOperator<Cart> changeFor(String action, HttpServletRequest request) {
        String productId = request.getParameter("productId");
        if (action == null) {
            return null;
        }
        return switch (action) {
            case "/add" -> cart -> carts.add(cart, productId, Quantity.parse(request.getParameter("quantity")));
            case "/update" -> cart -> carts.changeQuantity(cart, productId,
                    Quantity.parse(request.getParameter("quantity")));
            case "/remove" -> cart -> carts.remove(cart, productId);
            case "/empty" -> cart -> carts.empty();
            default -> null;
        };
    }
}
