package dev.sessionshop.e2e;

import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the topology named by {@link ShopTopology} before the class's first test and stops it after the
 * last one, whatever happened in between: {@code afterAll} runs even when {@code beforeAll} failed, and a
 * JVM shutdown hook covers a build that is interrupted (Ctrl-C) in the middle.
 */
final class TopologyExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Logger LOG = Logger.getLogger(TopologyExtension.class.getName());
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TopologyExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Strategy strategy = context.getRequiredTestClass().getAnnotation(ShopTopology.class).value();
        Launcher launcher = Launcher.locate();
        Thread downOnExit = new Thread(() -> down(launcher), "shop-down-on-exit");
        Runtime.getRuntime().addShutdownHook(downOnExit);
        context.getStore(NAMESPACE).put(Thread.class, downOnExit);
        context.getStore(NAMESPACE).put(Launcher.class, launcher);

        LOG.info(() -> "deployment/shop up " + strategy.launcherName());
        launcher.run(Launcher.UP_TIMEOUT, "up", strategy.launcherName());
        context.getStore(NAMESPACE).put(Topology.class, new Topology(strategy, launcher));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Launcher launcher = context.getStore(NAMESPACE).get(Launcher.class, Launcher.class);
        Thread downOnExit = context.getStore(NAMESPACE).get(Thread.class, Thread.class);
        if (launcher != null) {
            down(launcher);
        }
        if (downOnExit != null) {
            Runtime.getRuntime().removeShutdownHook(downOnExit);
        }
    }

    private static void down(Launcher launcher) {
        Launcher.Result result = launcher.exec(Launcher.COMMAND_TIMEOUT, "down");
        if (result.exitCode() != 0) {
            LOG.warning(() -> "deployment/shop down exited with " + result.exitCode() + ":\n" + result.output());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Topology.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Topology topology = context.getStore(NAMESPACE).get(Topology.class, Topology.class);
        if (topology == null) {
            throw new ParameterResolutionException("the topology did not come up; see deployment/shop up above");
        }
        return topology;
    }
}
