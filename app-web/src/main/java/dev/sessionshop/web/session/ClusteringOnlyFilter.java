package dev.sessionshop.web.session;

import dev.sessionshop.web.config.SessionStrategy;
import dev.sessionshop.web.config.ShopSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A filter that works around something of Payara's data grid: it acts only when sessions live in the grid
 * ({@code clustering}, {@code clustering-sticky}) and passes every request straight on under the others.
 */
abstract class ClusteringOnlyFilter extends HttpFilter {

    private boolean active;

    @Override
    public void init() {
        active = ShopSettings.of(getServletContext()).strategy().home() == SessionStrategy.Home.DATA_GRID;
    }

    @Override
    protected final void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (active) {
            filterClustered(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The filter's work, {@code clustering} only; it must pass the request on down the chain. */
    protected abstract void filterClustered(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;
}
