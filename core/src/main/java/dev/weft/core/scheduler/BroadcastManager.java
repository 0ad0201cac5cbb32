package dev.weft.core.scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The driver's serialized broadcast values, which executors fetch by id. */
public final class BroadcastManager {
  private final AtomicLong nextId = new AtomicLong();
  private final Map<Long, byte[]> values = new ConcurrentHashMap<>();

  /** Stores a serialized value and returns its id. */
  public long add(byte[] serialized) {
    long id = nextId.getAndIncrement();
    values.put(id, serialized);
    return id;
  }

  /**
   * The serialized value.
   *
   * @throws IllegalStateException when it was destroyed
   */
  public byte[] bytes(long id) {
    byte[] b = values.get(id);
    if (b == null) {
      throw new IllegalStateException("Broadcast " + id + " was destroyed or never existed");
    }
    return b;
  }

  public void remove(long id) {
    values.remove(id);
  }
}
