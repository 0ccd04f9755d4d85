package dev.sessionshop.web.location;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.IPartition;
import com.hazelcast.partition.Partition;
import dev.sessionshop.web.session.DataGrid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads from Payara's Hazelcast instance where a session is kept. What Payara does (Payara 6 source,
 * {@code ReplicatedWebMethodSessionStrategyBuilder} → {@code HazelcastBackingStore} → {@code ClusteredStore}):
 * the sessions of a web application go to the IMap named after its context path, keyed by the session id.
 * The key alone decides the partition, and the partition table says which member owns it and which ones
 * hold its backups.
 */
final class GridPlacements {

    /**
     * Payara's {@code HazelcastCore.INSTANCE_ATTRIBUTE_MAP}: member UUID → attributes, among them the
     * instance name under {@code GLASSFISH-INSTANCE}. Payara 6 keeps names there rather than as Hazelcast
     * member attributes, which are fixed before the member joins.
     */
    static final String INSTANCE_NAMES_MAP = "payara-instance-map";
    static final String INSTANCE_NAME = "GLASSFISH-INSTANCE";
    private static final Logger LOG = Logger.getLogger(GridPlacements.class.getName());

    private GridPlacements() {
    }

    /** The grid's members, this one included, by name; empty without a grid. */
    static List<GridMember> members() {
        return DataGrid.instance().map(hazelcast -> {
            Map<UUID, String> names = instanceNames(hazelcast);
            return hazelcast.getCluster().getMembers().stream()
                    .map(member -> member(member, names))
                    .sorted(Comparator.comparing(GridMember::name))
                    .toList();
        }).orElse(List.of());
    }

    /** Where the grid keeps the session of a web application mounted at {@code contextPath}. */
    static Optional<GridPlacement> locate(String contextPath, String sessionId) {
        return DataGrid.instance().map(hazelcast -> locate(hazelcast, contextPath, sessionId));
    }

    private static GridPlacement locate(HazelcastInstance hazelcast, String mapName, String sessionId) {
        Map<UUID, String> names = instanceNames(hazelcast);
        Partition partition = hazelcast.getPartitionService().getPartition(sessionId);
        Member owner = partition.getOwner();
        Optional<List<Address>> backupAddresses = backupAddresses(hazelcast, partition.getPartitionId());
        List<GridMember> backups = new ArrayList<>();
        backupAddresses.orElse(List.of()).forEach(address -> hazelcast.getCluster().getMembers().stream()
                .filter(member -> member.getAddress().equals(address))
                .findFirst()
                .ifPresent(member -> backups.add(member(member, names))));
        MapConfig config = hazelcast.getConfig().findMapConfig(mapName);
        EntryView<Object, Object> entry = DataGrid.mapExists(hazelcast, mapName)
                ? hazelcast.getMap(mapName).getEntryView(sessionId) : null;
        return new GridPlacement(mapName, entry != null, partition.getPartitionId(),
                owner == null ? null : member(owner, names), List.copyOf(backups), backupAddresses.isPresent(),
                config.getBackupCount() + config.getAsyncBackupCount(), entry == null ? -1 : entry.getCost());
    }

    /**
     * The addresses of a partition's backup replicas (replica 1, 2, …), from Hazelcast's internal partition
     * table: the public {@code Partition} names only the owner. Empty when the internals are out of reach
     * (another Hazelcast version, or an instance that is not a member), so the page can say less but still
     * render.
     */
    private static Optional<List<Address>> backupAddresses(HazelcastInstance hazelcast, int partitionId) {
        try {
            HazelcastInstanceImpl member = hazelcast instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
                    : hazelcast instanceof HazelcastInstanceImpl impl ? impl : null;
            if (member == null) {
                return Optional.empty();
            }
            IPartition partition = member.node.getNodeEngine().getPartitionService().getPartition(partitionId);
            List<Address> backups = new ArrayList<>();
            for (int replica = 1; replica <= IPartition.MAX_BACKUP_COUNT; replica++) {
                Address address = partition.getReplicaAddress(replica);
                if (address != null) {
                    backups.add(address);
                }
            }
            return Optional.of(backups);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Hazelcast's partition table is out of reach; only the owner is known", e);
            return Optional.empty();
        }
    }

    private static Map<UUID, String> instanceNames(HazelcastInstance hazelcast) {
        try {
            Map<UUID, Map<String, String>> attributes = hazelcast.getMap(INSTANCE_NAMES_MAP);
            Map<UUID, String> names = new java.util.HashMap<>();
            attributes.forEach((uuid, values) -> {
                if (values != null && values.get(INSTANCE_NAME) != null) {
                    names.put(uuid, values.get(INSTANCE_NAME));
                }
            });
            return names;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Payara's instance names are not readable; showing addresses", e);
            return Map.of();
        }
    }

    private static GridMember member(Member member, Map<UUID, String> names) {
        String address = DataGrid.address(member);
        return new GridMember(names.getOrDefault(member.getUuid(), address), address, member.localMember());
    }
}
