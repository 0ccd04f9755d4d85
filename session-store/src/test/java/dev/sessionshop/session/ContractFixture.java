package dev.sessionshop.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs every contract against one backend: a subclass per backend gives the probe and a way to start a
 * backend on its server(s), and inherits all the contracts' tests.
 */
public abstract class ContractFixture implements SessionBehaviourContract, SessionConcurrencyContract, SessionEdgesContract {

    private SessionBackend backend;
    private SessionStoreFilter filter;
    private Browser browser;

    @BeforeEach
    void startBackend() {
        evil.Gadget.executed = false;
        probe().flush();
        backend = newBackend();
        filter = new SessionStoreFilter(backend);
        browser = new Browser(filter);
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Override
    public Browser browser() {
        return browser;
    }

    @Override
    public SessionStoreFilter filter() {
        return filter;
    }

    @Override
    public SessionBackend backend() {
        return backend;
    }
}
