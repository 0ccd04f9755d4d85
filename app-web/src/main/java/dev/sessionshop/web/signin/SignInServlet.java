package dev.sessionshop.web.signin;

import dev.sessionshop.web.error.ErrorResponses;
import dev.sessionshop.web.session.ShopSession;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /signin}: the form; {@code POST /signin} (field {@code displayName}) and {@code POST /signout},
 * both with the session's CSRF token. A refused form changes nothing and gets the error page with the
 * reason. On success, back to the products (post/redirect/get).
 */
@WebServlet({"/signin", "/signout"})
public class SignInServlet extends HttpServlet {

    static final String CSRF_PARAMETER = "csrf";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!"/signin".equals(request.getServletPath())) {
            ErrorResponses.send(request, response, 405, "This address does not accept that kind of request.");
            return;
        }
        HttpSession session = ShopSession.getOrCreate(request);
        request.setAttribute("csrfToken", ShopSession.csrfToken(session));
        request.setAttribute("displayName", ShopSession.displayName(session));
        request.setAttribute("maxLength", DisplayName.MAX_LENGTH);
        request.getRequestDispatcher("/WEB-INF/jsp/signin.jsp").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!ShopSession.csrfTokenMatches(ShopSession.existing(request), request.getParameter(CSRF_PARAMETER))) {
            ErrorResponses.send(request, response, 403,
                    "This form has expired or did not come from this shop, so nothing was changed. "
                            + "Go back, reload the page and try again.");
            return;
        }
        if ("/signout".equals(request.getServletPath())) {
            ShopSession.signOut(request);
        } else {
            String name;
            try {
                name = DisplayName.parse(request.getParameter("displayName"));
            } catch (DisplayName.InvalidDisplayNameException refused) {
                ErrorResponses.send(request, response, 400, refused.getMessage());
                return;
            }
            ShopSession.signIn(request, name);
        }
        response.sendRedirect(request.getContextPath() + "/");
    }
}
