package dev.sessionshop.web.location;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The "Where is my session?" page at {@code /session}. Like the JSON, it never creates a session. */
@WebServlet("/session")
public class SessionLocationPageServlet extends HttpServlet {

    @Inject
    private ClusterView cluster;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute("where", SessionLocator.locate(request));
        request.setAttribute("instances", cluster.instances());
        request.setAttribute("peersConfigured", cluster.isConfigured());
        request.getRequestDispatcher("/WEB-INF/jsp/session.jsp").forward(request, response);
    }
}
