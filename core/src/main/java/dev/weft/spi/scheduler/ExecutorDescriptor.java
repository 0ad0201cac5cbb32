package dev.weft.spi.scheduler;

/**
 * An executor that can run tasks.
 *
 * @param executorId unique within the application
 * @param host the canonical host name (what HDFS block locations are matched against)
 * @param rack the rack, or null when the topology is unknown
 * @param cores how many tasks it runs at once
 */
public record ExecutorDescriptor(String executorId, String host, String rack, int cores) {}
