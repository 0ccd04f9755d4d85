package dev.sessionshop.session;

import java.util.function.Consumer;

/**
 * What every contract test is given: a backend on a real server, the filter over it, and a browser that
 * keeps the session cookie. The contracts ({@link SessionBehaviourContract}, {@link SessionConcurrencyContract},
 * {@link SessionEdgesContract}) are interfaces of tests that use only this; a backend runs them all by
 * extending {@link ContractFixture} once. Passing them is what "the backend works" means.
 */
public interface StoreContract {

    Browser browser();

    SessionStoreFilter filter();

    SessionBackend backend();

    BackendProbe probe();

    /**
     * Another backend on the same server(s), as another instance of the shop would have, with the test's
     * settings on top of the contract's. The caller closes it.
     */
    SessionBackend newBackend(Consumer<SessionSettings.Builder<?>> settings);

    /** Another backend on the same server(s) with the contract's settings. */
    default SessionBackend newBackend() {
        return newBackend(settings -> { });
    }

    /** The settings every backend of the contract starts from. */
    static void contractSettings(SessionSettings.Builder<?> settings) {
        settings.cookieName("SHOPSESSION")
                .maxInactiveInterval(java.time.Duration.ofMinutes(30))
                .allowedClasses("dev.sessionshop.**", "java.lang.*", "java.util.*", "java.time.*", "java.math.*")
                .commandTimeout(java.time.Duration.ofSeconds(2));
    }
}
