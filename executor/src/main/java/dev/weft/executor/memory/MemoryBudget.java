package dev.weft.executor.memory;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.ConfigType;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.executor.config.ExecutorConfig;

/**
 * How much of an executor's heap the unified memory manager gets: (heap - reserved) x fraction,
 * where heap is {@code weft.executor.memory}, capped by the JVM's actual maximum heap.
 */
public final class MemoryBudget {
  private MemoryBudget() {}

  /**
   * @param jvmMaxHeap the JVM's maximum heap ({@code Runtime.maxMemory()})
   * @throws ConfigException when the heap is too small for the reserved memory
   */
  public static long unifiedMemory(WeftConfig config, long jvmMaxHeap) {
    long heap = Math.min(config.get(CoreConfig.EXECUTOR_MEMORY), jvmMaxHeap);
    long reserved = config.get(ExecutorConfig.MEMORY_RESERVED);
    long minimum = reserved + reserved / 2;
    if (heap < minimum) {
      throw new ConfigException(
          "Executor heap "
              + ConfigType.formatSize(heap)
              + " is below the minimum "
              + ConfigType.formatSize(minimum)
              + " (1.5 x weft.memory.reserved = "
              + ConfigType.formatSize(reserved)
              + "); raise weft.executor.memory (and -Xmx for local runs) or lower"
              + " weft.memory.reserved");
    }
    return (long) ((heap - reserved) * config.get(ExecutorConfig.MEMORY_FRACTION));
  }
}
