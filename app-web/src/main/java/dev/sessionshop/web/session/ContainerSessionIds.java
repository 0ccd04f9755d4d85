package dev.sessionshop.web.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives Payara's own sessions ({@code JSESSIONID}, strategies sticky and clustering) ids of 256 random bits.
 *
 * <p>Why: Payara 6 builds a session id with GlassFish's {@code UuidUtil}: seven hex digits each of the
 * clock, the session object's identity hash code, the host address plus a {@code SecureRandom} int, and
 * another {@code SecureRandom} int. 28 hex characters look like 112 bits, but only about 56 are
 * unpredictable: far below the 128 bits OWASP asks of a session id. Payara has no length setting; its
 * one knob, the web container's {@code session-id-generator-classname}, is server-wide, needs the class
 * on the server's class path, and only the in-memory manager reads it (the Hazelcast one never does).
 * So the shop hands its own generator to the context's session manager when it starts, whichever
 * manager the strategy chose. The generator is Payara's {@code UuidGenerator} interface, reached by
 * reflection: the WAR compiles against the Jakarta EE API only. If a future Payara moves these
 * internals, this logs a WARNING and Payara's ids stay; {@code SessionCookieIT} then fails.
 */
@WebListener
public class ContainerSessionIds implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ContainerSessionIds.class.getName());
    /** 32 bytes = 256 bits, the same as the Redis store's ids; base64url without padding: 43 characters. */
    static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            Object manager = sessionManager(event.getServletContext());
            Method setter = findMethod(manager.getClass(), "setUuidGenerator");
            Class<?> generatorType = setter.getParameterTypes()[0];
            Object generator = Proxy.newProxyInstance(generatorType.getClassLoader(), new Class<?>[] {generatorType},
                    generator());
            setter.invoke(manager, generator);
            LOG.info(() -> "Container session ids: " + RANDOM_BYTES * 8 + " bits from SecureRandom ("
                    + manager.getClass().getSimpleName() + ")");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not install the 256-bit session id generator; Payara''s own ids "
                    + "(about 56 random bits) stay in use: {0}", e.toString());
        }
    }

    /** A new session id: {@value #RANDOM_BYTES} bytes from {@link SecureRandom}, base64url, 43 characters. */
    static String newId() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Answers both {@code generateUuid()} and {@code generateUuid(Object session)}. */
    private static InvocationHandler generator() {
        return (proxy, method, args) -> switch (method.getName()) {
            case "generateUuid" -> newId();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "256-bit SecureRandom session ids";
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }

    /** ServletContext (ApplicationContextFacade) → ApplicationContext → StandardContext → its Manager. */
    private static Object sessionManager(ServletContext context) throws ReflectiveOperationException {
        Field facadeField = context.getClass().getDeclaredField("context");
        facadeField.setAccessible(true);
        Object applicationContext = facadeField.get(context);
        Object standardContext = applicationContext.getClass().getMethod("getStandardContext").invoke(applicationContext);
        Object manager = standardContext.getClass().getMethod("getManager").invoke(standardContext);
        if (manager == null) {
            throw new IllegalStateException("the context has no session manager yet");
        }
        return manager;
    }

    private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1) {
                return method;
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }
}
