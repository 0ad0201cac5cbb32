package dev.weft.api;

import dev.weft.core.runtime.TaskContextImpl;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A variable that tasks add to and the driver reads. Create one with {@link
 * WeftContext#longAccumulator} and its siblings. Each task adds to its own zero-valued copy; the
 * driver merges the copy of each successful task. Updates made inside actions count once per
 * partition; updates inside transformations count again when a partition is recomputed (after a
 * failure, or when it is not cached), as in Spark.
 *
 * @param <IN> what {@link #add} takes
 * @param <OUT> what {@link #value} returns
 */
public abstract class Accumulator<IN, OUT> implements Serializable {
  private long id = -1;
  private String name;
  private transient boolean onDriver = true;

  /** For {@link WeftContext}: binds this accumulator to an id the driver knows. */
  final void register(long id, String name) {
    if (this.id >= 0) {
      throw new IllegalStateException("Accumulator " + this.name + " is already registered");
    }
    this.id = id;
    this.name = name;
  }

  /** The id the driver merges updates by; -1 until registered. */
  public final long id() {
    return id;
  }

  /** The name given at creation, or null. */
  public final String name() {
    return name;
  }

  /** Whether this is the driver's instance (not a task's copy). */
  public final boolean isOnDriver() {
    return onDriver;
  }

  /** Whether this holds the zero value. */
  public abstract boolean isZero();

  /** Resets to the zero value. */
  public abstract void reset();

  /** Adds one value. */
  public abstract void add(IN value);

  /** Merges another copy's value into this one (on the driver). */
  public abstract void merge(Accumulator<IN, OUT> other);

  /** The current value: on the driver, the merged value of finished tasks. */
  public abstract OUT value();

  /**
   * A new instance of the same kind holding the zero value (id and name are copied by the caller).
   */
  protected abstract Accumulator<IN, OUT> newZero();

  /**
   * The driver's instance is shipped as a zero-valued copy with the same id, so a task only ever
   * reports what it added itself.
   */
  protected final Object writeReplace() {
    if (!onDriver) {
      return this;
    }
    Accumulator<IN, OUT> zero = newZero();
    zero.id = id;
    zero.name = name;
    return zero;
  }

  // A task's copy registers with its task, so its updates go to the driver when the task ends.
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    onDriver = false;
    TaskContextImpl task = TaskContextImpl.current();
    if (task != null) {
      task.registerAccumulator(this);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "(id: "
        + id
        + ", name: "
        + name
        + ", value: "
        + value()
        + ")";
  }
}
