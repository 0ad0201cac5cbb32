package dev.weft.core.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The free cores of every executor, and the executors that have any, in registration order. Offers
 * go only to executors with a free core, so a round of offers costs what is free, not the size of
 * the cluster: with 1,000 busy executors, the end of one task offers one core, not 1,000 lookups.
 * Not thread-safe: the scheduler thread owns it.
 */
final class FreeCores {
  private final Map<String, Integer> free = new HashMap<>();
  // Registration sequence numbers, which order executors as they registered.
  private final Map<String, Long> sequence = new HashMap<>();
  private final List<String> registered = new ArrayList<>();
  private final TreeMap<Long, String> withFreeCores = new TreeMap<>();
  private long nextSequence;

  /**
   * Registers an executor with {@code cores} free cores; one registered already keeps its place.
   */
  void add(String executorId, int cores) {
    if (!sequence.containsKey(executorId)) {
      sequence.put(executorId, nextSequence++);
      registered.add(executorId);
    }
    set(executorId, cores);
  }

  void remove(String executorId) {
    Long seq = sequence.remove(executorId);
    if (seq == null) {
      return;
    }
    registered.remove(executorId);
    free.remove(executorId);
    withFreeCores.remove(seq);
  }

  boolean contains(String executorId) {
    return free.containsKey(executorId);
  }

  /** The free cores of an executor; 0 for an unknown one. */
  int get(String executorId) {
    return free.getOrDefault(executorId, 0);
  }

  /** Adds {@code delta} (negative when a task starts) to a known executor's free cores. */
  void adjust(String executorId, int delta) {
    Integer cores = free.get(executorId);
    if (cores != null) {
      set(executorId, cores + delta);
    }
  }

  private void set(String executorId, int cores) {
    free.put(executorId, cores);
    long seq = sequence.get(executorId);
    if (cores > 0) {
      withFreeCores.put(seq, executorId);
    } else {
      withFreeCores.remove(seq);
    }
  }

  /**
   * The executors with a free core in registration order, rotated to start at the registered
   * executor in position {@code rotation} (modulo the executor count), so that successive rounds
   * spread load over the cluster.
   */
  List<String> offerOrder(int rotation) {
    if (withFreeCores.isEmpty()) {
      return List.of();
    }
    long from = sequence.get(registered.get(Math.floorMod(rotation, registered.size())));
    List<String> order = new ArrayList<>(withFreeCores.size());
    order.addAll(withFreeCores.tailMap(from, true).values());
    order.addAll(withFreeCores.headMap(from, false).values());
    return order;
  }
}
