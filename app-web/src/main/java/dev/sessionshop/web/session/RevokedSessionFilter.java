package dev.sessionshop.web.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * ({@code clustering} only) A request that presents a session id given up at sign-in finds no session:
 * if an instance still holds a copy under that id (in its memory or in the data grid), it is invalidated
 * before the application sees it. See {@link RevokedSessionIds} for why Payara needs this, and for the
 * moment after a sign-in when another instance does not know the old id yet. One lookup in this instance's
 * copy of the revoked ids, no network, per request that carries a session cookie; other strategies skip it.
 */
public class RevokedSessionFilter extends ClusteringOnlyFilter {

    private static final Logger LOG = Logger.getLogger(RevokedSessionFilter.class.getName());

    @Override
    protected void filterClustered(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requested = request.getRequestedSessionId();
        if (requested != null && RevokedSessionIds.isRevoked(requested)) {
            HttpSession session = request.getSession(false);
            if (session != null && session.getId().equals(requested)) {
                session.invalidate();
                LOG.info(() -> "A request presented session id " + requested.substring(0, Math.min(6, requested.length()))
                        + "…, given up at sign-in; its last copy was invalidated");
            }
        }
        chain.doFilter(request, response);
    }
}
