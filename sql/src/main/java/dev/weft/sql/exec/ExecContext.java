package dev.weft.sql.exec;

import dev.weft.api.WeftContext;

/**
 * What physical planning and execution need of the session.
 *
 * @param shufflePartitions partitions of exchanges ({@code weft.sql.shuffle.partitions})
 * @param broadcastThreshold largest estimated size of a join side that is broadcast, or -1
 */
public record ExecContext(WeftContext context, int shufflePartitions, long broadcastThreshold) {}
