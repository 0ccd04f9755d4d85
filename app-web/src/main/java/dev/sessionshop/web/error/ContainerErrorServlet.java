package dev.sessionshop.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The target of web.xml's error pages: errors the container raised (an unknown path, an exception that
 * escaped). It logs the exception, shows the user a plain message, and answers API clients in JSON.
 */
@WebServlet("/error")
public class ContainerErrorServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ContainerErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Requested directly, not as an error page.
            ErrorResponses.send(request, response, 404, StatusTitles.defaultMessage(404));
            return;
        }
        int status = code instanceof Integer i ? i : 500;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            status = 500;
            LOG.log(Level.SEVERE, "Unexpected error serving " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    failure);
        }
        ErrorResponses.send(request, response, status, StatusTitles.defaultMessage(status));
    }
}
