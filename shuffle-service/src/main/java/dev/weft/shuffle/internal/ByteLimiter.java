package dev.weft.shuffle.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes in flight over many connections. A reservation succeeds while the total stays
 * within the limit, or when nothing is reserved at all (so a single block larger than the limit
 * still passes, alone). Callers that fail to reserve register a waiter; every release that leaves
 * room wakes all waiters, which retry. Thread-safe and lock-free.
 */
public final class ByteLimiter {
  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();

  /**
   * @param limit the most bytes reserved at once (a larger single reservation is allowed alone)
   */
  public ByteLimiter(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("expected a limit >= 1 byte, found " + limit);
    }
    this.limit = limit;
  }

  /** Reserves {@code bytes} if the limit allows; false otherwise (nothing reserved then). */
  public boolean tryAcquire(long bytes) {
    while (true) {
      long current = used.get();
      if (current != 0 && current + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** Returns a reservation and wakes the waiters if there is room now. */
  public void release(long bytes) {
    long now = used.addAndGet(-bytes);
    if (now < 0) {
      throw new IllegalStateException("released more bytes than reserved: " + now);
    }
    if (now < limit) {
      wakeAll();
    }
  }

  /**
   * Runs {@code wakeUp} once, when a release leaves room (or at once if there is room already). The
   * callback runs on the releasing thread: it should only hand work to its own thread.
   */
  public void onCapacity(Runnable wakeUp) {
    waiters.add(wakeUp);
    if (used.get() < limit) {
      wakeAll();
    }
  }

  private void wakeAll() {
    Runnable r;
    while ((r = waiters.poll()) != null) {
      r.run();
    }
  }

  /** The bytes reserved now. */
  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }
}
