package dev.sessionshop.session;

/** The shared settings alone, for tests of the core that need no backend. */
public final class TestSettings extends SessionSettings.Builder<TestSettings> {

    @Override
    protected TestSettings self() {
        return this;
    }

    public SessionSettings build() {
        return settings();
    }
}
