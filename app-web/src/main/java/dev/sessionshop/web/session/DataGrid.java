package dev.sessionshop.web.session;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.LocalMapStats;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's Hazelcast data grid as this instance sees it. Payara binds its Hazelcast instance in JNDI
 * under {@code payara/Hazelcast} when the grid is on ({@code clustering}); with {@code --nohazelcast}
 * there is none and the grid is empty.
 */
public final class DataGrid {

    static final String JNDI_NAME = "payara/Hazelcast";
    private static final String MAP_SERVICE = "hz:impl:mapService";
    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());

    private DataGrid() {
    }

    /** The addresses (host:port) of the grid's members, this instance included; empty without a grid. */
    public static List<String> members() {
        try {
            return instance()
                    .map(hazelcast -> hazelcast.getCluster().getMembers().stream().map(DataGrid::address).sorted().toList())
                    .orElse(List.of());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The data grid went away while it was asked for its members", e);
            return List.of();
        }
    }

    /**
     * Whether every partition of the grid has its backup in place (Hazelcast's "cluster safe"): after a
     * member joins or leaves, entries migrate for a while, and a member that dies during that time can take
     * the only copy of a session with it. No grid: false.
     */
    public static boolean safe() {
        try {
            return instance().map(hazelcast -> hazelcast.getPartitionService().isClusterSafe()).orElse(false);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The data grid went away while it was asked whether it is safe", e);
            return false;
        }
    }

    /**
     * This member's share of a map: its entries and their backups, what they cost in memory, and the
     * operations it served ({@code LocalMapStats}). Empty without a grid or when no map of that name exists
     * ({@code getMap} of a new name would create one grid-wide, so this looks first).
     */
    public static Optional<LocalMapStats> localStats(String mapName) {
        try {
            return instance().filter(hazelcast -> mapExists(hazelcast, mapName))
                    .map(hazelcast -> hazelcast.getMap(mapName).getLocalMapStats());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The data grid went away while it was asked for map statistics", e);
            return Optional.empty();
        }
    }

    /** Whether the grid has a map of that name, without creating one. */
    public static boolean mapExists(HazelcastInstance hazelcast, String mapName) {
        return hazelcast.getDistributedObjects().stream()
                .anyMatch(object -> MAP_SERVICE.equals(object.getServiceName()) && mapName.equals(object.getName()));
    }

    /** Payara's running Hazelcast instance; empty without a grid ({@code --nohazelcast}) or while it shuts down. */
    public static Optional<HazelcastInstance> instance() {
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            if (found instanceof HazelcastInstance hazelcast && hazelcast.getLifecycleService().isRunning()) {
                return Optional.of(hazelcast);
            }
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "No data grid on this instance", e);
        }
        return Optional.empty();
    }

    public static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }
}
