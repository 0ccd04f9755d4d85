package dev.sessionshop.web.session;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
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
    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());

    private DataGrid() {
    }

    /** The addresses (host:port) of the grid's members, this instance included; empty without a grid. */
    public static List<String> members() {
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            if (found instanceof HazelcastInstance hazelcast && hazelcast.getLifecycleService().isRunning()) {
                return hazelcast.getCluster().getMembers().stream().map(DataGrid::address).sorted().toList();
            }
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "No data grid on this instance", e);
        }
        return List.of();
    }

    private static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }
}
