package dev.weft.executor.shuffle;

/**
 * A task could not get the execution memory it needs even after spilling everything it held: the
 * executor's memory is too small for the task's buffers, or too many tasks share it.
 */
public final class ExecutionMemoryException extends RuntimeException {
  ExecutionMemoryException(long needed, long granted, String consumer) {
    super(
        "Cannot acquire "
            + needed
            + " bytes of execution memory for "
            + consumer
            + " even after spilling (granted "
            + granted
            + "); raise the executor memory or lower weft.shuffle.file.buffer /"
            + " weft.shuffle.sort.pageSize");
  }
}
