package dev.weft.sql.exec;

import dev.weft.api.StorageLevel;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskRuntime;
import dev.weft.core.serial.KryoSerializer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A task's runtime with only execution memory and temporary files: a fixed budget shared by the
 * task's reservations, which (like the executor's task memory manager) asks the other reservations
 * to spill, largest first, when a request cannot be granted.
 */
final class FakeTaskRuntime implements TaskRuntime {
  private final long budget;
  private final File dir;
  private final List<Reservation> reservations = new ArrayList<>();
  private long used;

  FakeTaskRuntime(long budget, File dir) {
    this.budget = budget;
    this.dir = dir;
  }

  /** Makes a task with this runtime the current task of the calling thread. */
  TaskContextImpl enter() {
    TaskContextImpl task = new TaskContextImpl(0, 0, 0, 0, 1L, this);
    TaskContextImpl.setCurrent(task);
    return task;
  }

  long used() {
    return used;
  }

  @Override
  public MemoryReservation reserveMemory(String owner, SpillCallback spill) {
    Reservation r = new Reservation(owner, spill);
    reservations.add(r);
    return r;
  }

  @Override
  public File createTempFile(String prefix) {
    try {
      return File.createTempFile(prefix, ".tmp", dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class Reservation implements MemoryReservation {
    private final String owner;
    private final SpillCallback spill;
    private long held;
    private boolean closed;

    Reservation(String owner, SpillCallback spill) {
      this.owner = owner;
      this.spill = spill;
    }

    @Override
    public long acquire(long bytes) {
      if (closed) {
        throw new IllegalStateException(owner + " was closed");
      }
      if (used + bytes > budget) {
        List<Reservation> others = new ArrayList<>(reservations);
        others.remove(this);
        others.sort(Comparator.comparingLong((Reservation r) -> r.held).reversed());
        for (Reservation other : others) {
          if (used + bytes <= budget) {
            break;
          }
          if (other.held > 0) {
            try {
              other.spill.spill(used + bytes - budget, owner);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      }
      long got = Math.max(0, Math.min(bytes, budget - used));
      used += got;
      held += got;
      return got;
    }

    @Override
    public void release(long bytes) {
      long b = Math.min(bytes, held);
      held -= b;
      used -= b;
    }

    @Override
    public long held() {
      return held;
    }

    @Override
    public void close() {
      release(held);
      closed = true;
      reservations.remove(this);
    }
  }

  // ---- not used by the operators under test ----

  @Override
  public String executorId() {
    return "test";
  }

  @Override
  public String host() {
    return "localhost";
  }

  @Override
  public KryoSerializer serializer() {
    throw new UnsupportedOperationException();
  }

  @Override
  public <K, V, C> MapStatus writeShuffle(
      ShuffleDependency<K, V, C> dep,
      int mapId,
      Iterator<? extends Tuple2<K, V>> records,
      TaskContextImpl context) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <K, C> Iterator<Tuple2<K, C>> readShuffle(
      ShuffleDependency<K, ?, C> dep, int reduceId, TaskContextImpl context) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <K, V, C> Iterator<Tuple2<K, C>> combineByKey(
      Iterator<? extends Tuple2<K, ?>> records,
      Aggregator<K, V, C> aggregator,
      boolean inputIsCombiners,
      TaskContextImpl context) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <K, V> Iterator<Tuple2<K, V>> sortByKey(
      Iterator<? extends Tuple2<K, V>> records,
      Comparator<? super K> ordering,
      TaskContextImpl context) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> Iterator<T> getOrCompute(
      PlanNode<T> node, int partition, StorageLevel level, TaskContextImpl context) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean canCommit(TaskContextImpl context) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.weft.hdfs.output.CommitLocks commitLocks() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object broadcastValue(long broadcastId) {
    throw new UnsupportedOperationException();
  }
}
