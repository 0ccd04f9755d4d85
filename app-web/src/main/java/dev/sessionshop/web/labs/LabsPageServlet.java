package dev.sessionshop.web.labs;

import dev.sessionshop.web.config.ShopSettings;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The labs page at {@code /labs}: what each lab shows and a button that runs it (the page's script calls
 * {@code /api/labs/…} and draws the steps). It reads no session itself; with the labs off it explains how
 * to switch them on.
 */
@WebServlet("/labs")
public class LabsPageServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ShopSettings settings = ShopSettings.of(getServletContext());
        request.setAttribute("labsEnabled", settings.labsEnabled());
        request.setAttribute("labsOff", LabUnavailableException.LABS_OFF);
        request.setAttribute("strategy", settings.strategy().id());
        request.getRequestDispatcher("/WEB-INF/jsp/labs.jsp").forward(request, response);
    }
}
