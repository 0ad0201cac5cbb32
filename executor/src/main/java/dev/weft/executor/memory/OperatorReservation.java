package dev.weft.executor.memory;

import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import java.io.IOException;

/**
 * A {@link MemoryReservation} of an operator that is not part of the executor (e.g. the structured
 * layer's hash aggregation): a memory consumer of its task whose spilling the operator does through
 * its {@link SpillCallback}.
 */
public final class OperatorReservation extends MemoryConsumer implements MemoryReservation {
  private final String owner;
  private final SpillCallback callback;
  private boolean closed;

  public OperatorReservation(TaskMemoryManager taskMemory, String owner, SpillCallback callback) {
    super(taskMemory);
    this.owner = owner;
    this.callback = callback == null ? SpillCallback.NONE : callback;
  }

  @Override
  protected void checkCanAcquire() {
    if (closed) {
      throw new IllegalStateException("The memory reservation of " + owner + " was closed");
    }
  }

  @Override
  public void release(long bytes) {
    free(bytes);
  }

  @Override
  public long held() {
    return used();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    freeAll();
    taskMemory.unregister(this);
  }

  @Override
  public long spill(long bytes, MemoryConsumer requester) throws IOException {
    if (requester == this || closed) {
      return 0;
    }
    long before = used();
    callback.spill(bytes, requester.name());
    // What the callback released is what counts, whatever it returned.
    return Math.max(0, before - used());
  }

  @Override
  public String name() {
    return owner;
  }

  @Override
  public String toString() {
    return owner;
  }
}
