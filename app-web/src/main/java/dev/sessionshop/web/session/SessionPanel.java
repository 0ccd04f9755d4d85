package dev.sessionshop.web.session;

import dev.sessionshop.web.config.SessionStrategy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the session panel on every page shows. Read when the page renders, not when the request starts,
 * so the panel reflects what this very request did to the session.
 */
public final class SessionPanel {

    /** Request attribute set when the session store is unreachable: the panel must not touch the session. */
    public static final String STORE_DOWN = "shop.sessionStoreDown";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final HttpServletRequest request;
    private final SessionStrategy strategy;

    SessionPanel(HttpServletRequest request, SessionStrategy strategy) {
        this.request = request;
        this.strategy = strategy;
    }

    /**
     * The panel of a request the shop refused before reading its session: instance and strategy, no session.
     * (A refused request may name a session it must not see, such as one given in its URL.)
     */
    public static SessionPanel withoutSession(SessionStrategy strategy) {
        return new SessionPanel(null, strategy);
    }

    public String getInstance() {
        return InstanceIdentity.current().name();
    }

    public String getColour() {
        return InstanceIdentity.current().colour();
    }

    public String getStrategy() {
        return strategy.id();
    }

    public boolean isStoreDown() {
        return request != null && request.getAttribute(STORE_DOWN) != null;
    }

    public boolean isActive() {
        return session() != null;
    }

    /** The first eight characters: enough to tell sessions apart, too few to hijack one from a screenshot. */
    public String getShortId() {
        HttpSession session = session();
        return session == null ? "" : shorten(session.getId());
    }

    public String getCreated() {
        HttpSession session = session();
        return session == null ? "" : TIME.format(Instant.ofEpochMilli(session.getCreationTime())) + " UTC";
    }

    public String getLastUsed() {
        HttpSession session = session();
        return session == null ? "" : TIME.format(Instant.ofEpochMilli(session.getLastAccessedTime())) + " UTC";
    }

    public int getRequestCount() {
        HttpSession session = session();
        return session == null ? 0 : ShopSession.requestCount(session);
    }

    /** Who signed in on this session, or "" when nobody did. */
    public String getDisplayName() {
        String name = ShopSession.displayName(session());
        return name == null ? "" : name;
    }

    static String shorten(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8) + "…";
    }

    private HttpSession session() {
        return request == null || isStoreDown() ? null : request.getSession(false);
    }
}
