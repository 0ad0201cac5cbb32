package dev.weft.core.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Delivers scheduler events to listeners on one daemon thread, in posting order. */
public final class ListenerBus {
  private static final Logger LOG = LogManager.getLogger(ListenerBus.class);
  private static final Consumer<SchedulerListener> STOP = l -> {};

  private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Consumer<SchedulerListener>> queue =
      new LinkedBlockingQueue<>();
  private final Thread thread;
  private long posted;
  private long delivered;

  public ListenerBus() {
    thread = new Thread(this::run, "weft-listener-bus");
    thread.setDaemon(true);
    thread.start();
  }

  public void addListener(SchedulerListener listener) {
    listeners.add(listener);
  }

  public void removeListener(SchedulerListener listener) {
    listeners.remove(listener);
  }

  /** Queues an event for every listener. */
  public void post(Consumer<SchedulerListener> event) {
    synchronized (this) {
      posted++;
    }
    queue.add(event);
  }

  private void run() {
    while (true) {
      Consumer<SchedulerListener> event;
      try {
        event = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (event == STOP) {
        return;
      }
      for (SchedulerListener l : listeners) {
        try {
          event.accept(l);
        } catch (RuntimeException e) {
          LOG.warn("Listener {} failed on an event", l, e);
        }
      }
      synchronized (this) {
        delivered++;
        notifyAll();
      }
    }
  }

  /**
   * Waits until every event posted so far has been delivered.
   *
   * @return false when {@code timeout} passed first
   */
  public synchronized boolean waitUntilEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = posted;
    while (delivered < target) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Delivers what is queued, then stops the thread. */
  public void stop() {
    queue.add(STOP);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
