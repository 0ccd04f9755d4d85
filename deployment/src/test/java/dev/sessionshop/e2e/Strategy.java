package dev.sessionshop.e2e;

/** The three ways the shop keeps a session, as the launcher names them. */
public enum Strategy {
    STICKY("sticky"),
    CLUSTERING("clustering"),
    EXTERNAL("external");

    private final String launcherName;

    Strategy(String launcherName) {
        this.launcherName = launcherName;
    }

    /** The argument of {@code deployment/shop up}, and the {@code strategy} the app reports. */
    public String launcherName() {
        return launcherName;
    }
}
