package dev.sessionshop.e2e;

/**
 * The ways the shop keeps a session, as the launcher names them (deployment/strategies.sh), each a routing
 * and a home: tests ask the axis they care about, not the name.
 */
public enum Strategy {
    STICKY("sticky", true, Home.MEMORY),
    STICKY_COOKIE("sticky-cookie", true, Home.MEMORY),
    CLUSTERING("clustering", false, Home.GRID),
    CLUSTERING_STICKY("clustering-sticky", true, Home.GRID),
    EXTERNAL("external", false, Home.REDIS),
    EXTERNAL_MEMCACHED("external-memcached", false, Home.MEMCACHED);

    /** Where the session lives. */
    public enum Home {
        MEMORY, GRID, REDIS, MEMCACHED
    }

    private final String launcherName;
    private final boolean pinsClient;
    private final Home home;

    Strategy(String launcherName, boolean pinsClient, Home home) {
        this.launcherName = launcherName;
        this.pinsClient = pinsClient;
        this.home = home;
    }

    /** The argument of {@code deployment/shop up}, and the {@code strategy} the app reports. */
    public String launcherName() {
        return launcherName;
    }

    /** Whether nginx keeps one client on one instance (ip_hash or the route cookie). */
    public boolean pinsClient() {
        return pinsClient;
    }

    public Home home() {
        return home;
    }

    /** The session cookie: the project's store's own (Redis or memcached), else Payara's. */
    public String sessionCookie() {
        return switch (home) {
            case REDIS, MEMCACHED -> "SHOPSESSION";
            case MEMORY, GRID -> "JSESSIONID";
        };
    }
}
