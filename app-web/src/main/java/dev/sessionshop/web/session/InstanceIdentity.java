package dev.sessionshop.web.session;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which instance this is: Payara Micro's {@code --name}, and a colour for it so a reader of the page sees
 * at a glance that the request went elsewhere.
 */
public record InstanceIdentity(String name, String colour) {

    private static final Logger LOG = Logger.getLogger(InstanceIdentity.class.getName());
    private static final Map<String, String> COLOURS = Map.of(
            "shop-1", "#2563eb",
            "shop-2", "#16a34a",
            "shop-3", "#ea580c");
    private static volatile InstanceIdentity current;

    public static InstanceIdentity current() {
        InstanceIdentity identity = current;
        if (identity == null) {
            identity = of(readInstanceName());
            current = identity;
        }
        return identity;
    }

    static InstanceIdentity of(String name) {
        return new InstanceIdentity(name, COLOURS.getOrDefault(name, "hsl(" + Math.floorMod(name.hashCode(), 360) + " 65% 42%)"));
    }

    /**
     * Payara Micro's own instance name. The CDI {@code PayaraInstance} gives a wrong name outside clustered
     * mode; {@code PayaraMicro.getInstance().getInstanceName()} returns {@code --name} in every mode. It is
     * read by reflection so the WAR does not compile against the 100 MB runtime jar.
     */
    private static String readInstanceName() {
        try {
            Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
            Object instance = micro.getMethod("getInstance").invoke(null);
            Method getName = micro.getMethod("getInstanceName");
            Object name = getName.invoke(instance);
            if (name instanceof String s && !s.isBlank()) {
                return s;
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.FINE, "Not on Payara Micro; using the host name as instance name", e);
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
