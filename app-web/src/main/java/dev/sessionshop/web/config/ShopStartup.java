package dev.sessionshop.web.config;

import dev.sessionshop.web.session.ExternalSessionWiring;
import dev.sessionshop.web.session.InstanceIdentity;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Reads the settings once when the application starts and, for a strategy whose sessions live outside the
 * instances ({@code external}: Redis, {@code external-memcached}: memcached), puts the session store's filter
 * in front of everything else. An unknown strategy stops the deployment with a
 * message that names the valid ones: a shop silently running the wrong strategy would teach the wrong thing.
 */
@WebListener
public class ShopStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ShopStartup.class.getName());

    private ExternalSessionWiring external;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ShopSettings settings = ShopSettings.fromConfig();
        settings.storeIn(context);
        LOG.info(() -> "Session Shop instance " + InstanceIdentity.current().name()
                + " starts with session strategy " + settings.strategy().id());
        switch (settings.strategy().home()) {
            case REDIS -> external = ExternalSessionWiring.redis(context, settings);
            case MEMCACHED -> external = ExternalSessionWiring.memcached(context, settings);
            case INSTANCE_MEMORY, DATA_GRID -> {
                // The container's own sessions: nothing to install (the grid's filters switch themselves on).
            }
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (external != null) {
            external.close();
        }
    }
}
