package dev.weft.yarn.am.provision;

import dev.weft.core.config.ConfigType;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.yarn.am.YarnConfig;
import java.util.List;

/**
 * The size of an executor's container and the JVM limits inside it.
 *
 * <p>A container gets {@code heap + overhead} MiB, rounded up to whole MiB: the heap is {@code
 * weft.executor.memory} ({@code -Xmx}), the overhead {@code weft.executor.memoryOverhead} (unset:
 * 10% of the heap, at least 384 MiB). The overhead holds everything outside the heap: metaspace,
 * code cache, thread stacks, GC structures, and direct buffers of the network (gRPC to the driver,
 * shuffle fetches). Direct buffers are the part the engine itself can grow without bound, so {@code
 * -XX:MaxDirectMemorySize} is capped at half the overhead; the other half is left to the JVM's own
 * native memory. With these limits YARN's physical memory check only kills an executor whose user
 * code allocates native memory on its own; the exit explanation then says to raise {@code
 * weft.executor.memoryOverhead}.
 *
 * @param heapBytes the executor's heap
 * @param overheadBytes the container's memory beyond the heap
 * @param vcores virtual cores (= task slots)
 */
public record ContainerSizing(long heapBytes, long overheadBytes, int vcores) {
  private static final long MIB = 1L << 20;

  /** The overhead when none is configured: 10% of the heap, at least this much. */
  public static final long MIN_DEFAULT_OVERHEAD = 384 * MIB;

  /** The sizing of {@code config}'s executors. */
  public static ContainerSizing of(WeftConfig config) {
    long heap = config.get(CoreConfig.EXECUTOR_MEMORY);
    Long overhead = config.get(YarnConfig.EXECUTOR_MEMORY_OVERHEAD);
    return new ContainerSizing(
        heap,
        overhead != null ? overhead : Math.max(MIN_DEFAULT_OVERHEAD, heap / 10),
        config.get(CoreConfig.EXECUTOR_CORES));
  }

  /** The container's memory for YARN, in MiB. */
  public long containerMemoryMb() {
    return (heapBytes + overheadBytes + MIB - 1) / MIB;
  }

  /** The cap on direct buffers: half the overhead. */
  public long maxDirectMemoryBytes() {
    return overheadBytes / 2;
  }

  /** The memory options of the executor's JVM. */
  public List<String> jvmMemoryOptions() {
    return List.of(
        "-Xmx" + Math.max(1, heapBytes / MIB) + "m",
        "-XX:MaxDirectMemorySize=" + Math.max(1, maxDirectMemoryBytes() / MIB) + "m");
  }

  /**
   * Why no executor container of this size can run on a cluster whose largest container is {@code
   * maxMemoryMb} and {@code maxVcores}, or null when one can.
   */
  public String exceedsLargestContainer(long maxMemoryMb, int maxVcores) {
    if (containerMemoryMb() <= maxMemoryMb && vcores <= maxVcores) {
      return null;
    }
    return "Executor containers need "
        + containerMemoryMb()
        + " MB (--executor-memory "
        + ConfigType.formatSize(heapBytes)
        + " + weft.executor.memoryOverhead "
        + overheadText()
        + ") and "
        + vcores
        + " vcores (--executor-cores), but the largest container this cluster grants is "
        + maxMemoryMb
        + " MB and "
        + maxVcores
        + " vcores (yarn.scheduler.maximum-allocation-mb and -vcores): ask for smaller executors";
  }

  /** How the overhead is shown in hints, e.g. {@code 384m}. */
  public String overheadText() {
    return (overheadBytes / MIB) + "m";
  }
}
