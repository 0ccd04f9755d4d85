package dev.sessionshop.web.location;

import dev.sessionshop.session.SessionLocation;
import dev.sessionshop.web.config.SessionStrategy;
import dev.sessionshop.web.config.ShopSettings;
import dev.sessionshop.web.session.ExternalSessionWiring;
import dev.sessionshop.web.session.InstanceIdentity;
import dev.sessionshop.web.session.ShopSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers "where is my session?" for one request, for whichever strategy is running. It only ever looks
 * at an existing session: asking must not create one, or the page would always find a session.
 */
public final class SessionLocator {

    static final String NO_SESSION = "You have no session yet, and looking for it here does not create one. "
            + "Add something to your cart (or open the cart page) and come back.";

    private SessionLocator() {
    }

    public static SessionWhereabouts locate(HttpServletRequest request) {
        SessionStrategy strategy = ShopSettings.of(request.getServletContext()).strategy();
        String instance = InstanceIdentity.current().name();
        List<GridMember> members = strategy.home() == SessionStrategy.Home.DATA_GRID ? GridPlacements.members() : List.of();
        HttpSession session = ShopSession.existing(request);
        if (session == null) {
            return new SessionWhereabouts(instance, strategy.id(), null, NO_SESSION, null, null, null, members);
        }
        String id = session.getId();
        return switch (strategy.home()) {
            case INSTANCE_MEMORY -> new SessionWhereabouts(instance, strategy.id(), id, inMemory(instance), instance, null, null, members);
            case DATA_GRID -> {
                Optional<GridPlacement> grid = GridPlacements.locate(request.getContextPath(), id);
                yield new SessionWhereabouts(instance, strategy.id(), id,
                        grid.map(placement -> inGrid(instance, placement, members)).orElseGet(() -> noGrid(instance)),
                        null, grid.orElse(null), null, members);
            }
            case REDIS, MEMCACHED -> {
                Optional<SessionLocation> stored = ExternalSessionWiring.storeOf(request.getServletContext())
                        .flatMap(store -> store.describe(id));
                yield new SessionWhereabouts(instance, strategy.id(), id,
                        stored.map(location -> location.match(SessionLocator::inRedis, SessionLocator::inMemcached))
                                .orElse("This session is not in the store (any more)."),
                        null, null, stored.orElse(null), members);
            }
        };
    }

    static String inMemory(String instance) {
        return "Your session lives in the memory of " + instance + ", the instance that answered, and nowhere else: "
                + "no other instance has it. If " + instance + " goes down, the session and its cart are gone.";
    }

    static String inGrid(String instance, GridPlacement grid, List<GridMember> members) {
        if (grid.owner() == null) {
            return "The data grid is moving partitions right now; ask again in a moment.";
        }
        StringBuilder text = new StringBuilder("Your session is ")
                .append(grid.stored() ? "kept" : "not written yet (Payara writes it when a request changes it)")
                .append(" in the data grid map \"").append(grid.map())
                .append("\" (named after the shop's context path), partition ").append(grid.partition()).append(". ")
                .append(grid.owner().name()).append(" owns it");
        if (!grid.backupsKnown()) {
            List<String> others = members.stream().map(GridMember::name)
                    .filter(name -> !name.equals(grid.owner().name())).toList();
            text.append("; the map keeps ").append(grid.backupCount()).append(" backup(s) on members other than the owner: ")
                    .append(String.join(", ", others));
        } else if (grid.backups().isEmpty()) {
            text.append(" and no member holds a backup (the grid has no other member)");
        } else {
            text.append(", ").append(grid.backups().stream().map(GridMember::name).collect(Collectors.joining(" and ")))
                    .append(grid.backups().size() == 1 ? " holds its backup" : " hold its backups");
        }
        return text.append(". ").append(instance).append(" answered and read it from the grid.").toString();
    }

    static String noGrid(String instance) {
        return instance + " is not part of a data grid right now, so it cannot tell where the grid keeps your session.";
    }

    static String inRedis(SessionLocation.Redis location) {
        String copies = location.replicas().isEmpty()
                ? " It has no replica: that node holds the only copy."
                : " " + location.replicas().stream().map(SessionLocation.Redis.Replica::node).collect(Collectors.joining(" and "))
                        + (location.replicas().size() == 1 ? " holds a copy" : " hold copies")
                        + " (replicated asynchronously), which Sentinel promotes if the primary fails.";
        return "Your session is the Redis hash " + location.key() + " on " + location.node() + ", the primary."
                + copies + " No instance keeps it in memory: every request reads it from Redis.";
    }

    static String inMemcached(SessionLocation.Memcached location) {
        String owner = location.ownerHasIt()
                ? location.owner() + " (its owner, chosen from the session id) holds it"
                : location.owner() + " (its owner, chosen from the session id) does not hold it right now (down, or it lost the item)";
        String backup = location.backupHasIt()
                ? location.backup() + " holds the copy the store writes with every change"
                : location.backup() + ", which should hold the copy, does not";
        return "Your session is the memcached item " + location.key() + ", " + location.sizeBytes() + " bytes. " + owner + "; "
                + backup + ". Memcached does not replicate: the shop's store writes both. "
                + "No instance keeps it in memory: every request reads it from the owner, or from the backup when the owner fails.";
    }
}
