package dev.sessionshop.web.location;

import java.util.List;

/**
 * Where the data grid keeps one session: the map Payara's session store writes to, the partition the
 * session id hashes to, the member that owns that partition and the members holding its backups.
 *
 * @param stored       whether the map holds an entry for the session (Payara writes it at the end of the
 *                     request that changed it, so a brand-new session may not be there yet)
 * @param backups      the members holding a backup, first backup first; empty when the grid has one member
 * @param backupsKnown false when Hazelcast's partition table could not be read, so only the configured
 *                     backup count can be told
 * @param backupCount  how many backups the map is configured with (synchronous plus asynchronous)
 * @param entryBytes   what the entry costs its owner in memory (Hazelcast's entry cost: key, serialized
 *                     value and bookkeeping; each backup costs as much again); -1 when not stored
 */
public record GridPlacement(String map, boolean stored, int partition, GridMember owner, List<GridMember> backups,
                            boolean backupsKnown, int backupCount, long entryBytes) {
}
