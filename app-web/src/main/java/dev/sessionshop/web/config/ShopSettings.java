package dev.sessionshop.web.config;

import jakarta.servlet.ServletContext;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The settings this instance runs with, read once from MicroProfile Config (environment variables map to
 * the property names: {@code SESSION_STRATEGY} → {@code session.strategy}).
 */
public record ShopSettings(SessionStrategy strategy, Duration sessionTimeout, boolean labsEnabled) {

    public static final String STRATEGY = "session.strategy";
    public static final String SESSION_TIMEOUT_MINUTES = "session.timeout.minutes";
    /**
     * The labs fire requests at the other instances and plant deliberately broken session values: a demo
     * switches them on ({@code SHOP_LABS_ENABLED=true}), anything else keeps the default, off.
     */
    public static final String LABS_ENABLED = "shop.labs.enabled";

    private static final String ATTRIBUTE = ShopSettings.class.getName();

    /** The settings the application started with (see {@code ShopStartup}). */
    public static ShopSettings of(ServletContext context) {
        return (ShopSettings) context.getAttribute(ATTRIBUTE);
    }

    public void storeIn(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    public static ShopSettings fromConfig() {
        Config config = ConfigProvider.getConfig();
        return new ShopSettings(
                SessionStrategy.parse(config.getOptionalValue(STRATEGY, String.class).orElse("sticky")),
                Duration.ofMinutes(config.getOptionalValue(SESSION_TIMEOUT_MINUTES, Integer.class).orElse(30)),
                config.getOptionalValue(LABS_ENABLED, Boolean.class).orElse(false));
    }
}
