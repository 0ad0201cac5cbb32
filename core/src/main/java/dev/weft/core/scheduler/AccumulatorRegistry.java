package dev.weft.core.scheduler;

import dev.weft.api.Accumulator;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's accumulators by id. Held weakly: an accumulator the program dropped stops receiving
 * updates instead of leaking.
 */
public final class AccumulatorRegistry {
  private final AtomicLong nextId = new AtomicLong();
  private final Map<Long, WeakReference<Accumulator<?, ?>>> accumulators =
      new ConcurrentHashMap<>();

  /** A new id for an accumulator about to be registered. */
  public long nextId() {
    return nextId.getAndIncrement();
  }

  public void add(Accumulator<?, ?> accumulator) {
    accumulators.put(accumulator.id(), new WeakReference<>(accumulator));
  }

  /** Merges a finished task's copies into the driver's accumulators. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void merge(List<Accumulator<?, ?>> updates) {
    for (Accumulator<?, ?> update : updates) {
      WeakReference<Accumulator<?, ?>> ref = accumulators.get(update.id());
      Accumulator original = ref == null ? null : ref.get();
      if (original == null) {
        accumulators.remove(update.id());
        continue;
      }
      synchronized (original) {
        original.merge((Accumulator) update);
      }
    }
  }
}
