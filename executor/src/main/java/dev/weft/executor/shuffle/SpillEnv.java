package dev.weft.executor.shuffle;

import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.TaskMemoryManager;
import dev.weft.executor.storage.LocalDirs;

/**
 * What a spilling structure of one task works with: the serializer for records on disk, the task's
 * execution memory, the local dirs for spill files, the task (for metrics and for completion
 * listeners that delete spill files) and the buffer sizes.
 */
public record SpillEnv(
    KryoSerializer serializer,
    TaskMemoryManager memory,
    LocalDirs dirs,
    TaskContextImpl task,
    ShuffleSettings settings) {

  /** The same task's environment with another record serializer. */
  public SpillEnv withSerializer(KryoSerializer other) {
    return other == serializer ? this : new SpillEnv(other, memory, dirs, task, settings);
  }
}
