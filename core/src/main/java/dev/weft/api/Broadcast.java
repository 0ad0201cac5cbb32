package dev.weft.api;

import dev.weft.core.runtime.TaskContextImpl;
import java.io.Serializable;

/**
 * A read-only value sent to each executor once, instead of with every task. Create it with {@link
 * WeftContext#broadcast} and read it inside functions with {@link #value()}.
 *
 * @param <T> the value's type; it is serialized with Kryo
 */
public final class Broadcast<T> implements Serializable {
  private final long id;
  private volatile boolean destroyed;
  private transient volatile T value;
  private transient volatile boolean loaded;
  private transient WeftContext context;

  Broadcast(long id, T value, WeftContext context) {
    this.id = id;
    this.value = value;
    this.loaded = true;
    this.context = context;
  }

  public long id() {
    return id;
  }

  /** The value: on the driver the original, in a task the executor's copy. */
  @SuppressWarnings("unchecked")
  public T value() {
    if (destroyed) {
      throw new IllegalStateException("Broadcast " + id + " was destroyed and cannot be used");
    }
    if (!loaded) {
      TaskContextImpl task = TaskContextImpl.current();
      if (task == null) {
        throw new IllegalStateException(
            "Broadcast " + id + " can only be read on the driver that made it or in a task");
      }
      value = (T) task.runtime().broadcastValue(id);
      loaded = true;
    }
    return value;
  }

  /** Drops the executors' copies; they fetch the value again if a later task reads it. */
  public void unpersist() {
    requireDriver().unpersistBroadcast(id, false);
  }

  /** Drops the value everywhere; later use fails. */
  public void destroy() {
    requireDriver().unpersistBroadcast(id, true);
    destroyed = true;
  }

  private WeftContext requireDriver() {
    if (context == null) {
      throw new IllegalStateException("Broadcast " + id + " can only be removed on the driver");
    }
    return context;
  }

  @Override
  public String toString() {
    return "Broadcast(" + id + ")";
  }
}
