package dev.weft.yarn.am.provision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Excludes nodes where executors keep failing: after {@code maxFailures} failures on a node no
 * container is asked there for {@code timeout}; then the node is put back and its count restarts.
 * Not thread-safe: used on the allocator thread only.
 */
public final class NodeExclusion {

  /**
   * Nodes to add to and remove from YARN's blacklist ({@code AMRMClient.updateBlacklist}).
   *
   * @param add nodes newly excluded
   * @param remove nodes whose exclusion expired
   */
  public record Update(List<String> add, List<String> remove) {
    public boolean isEmpty() {
      return add.isEmpty() && remove.isEmpty();
    }
  }

  private final int maxFailures;
  private final long timeoutMillis;
  private final LongSupplier clock;
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Long> excludedUntil = new LinkedHashMap<>();
  private final List<String> newlyExcluded = new ArrayList<>();

  /**
   * @param maxFailures failures on a node that exclude it
   * @param timeout how long it stays excluded
   * @param clock milliseconds now
   */
  public NodeExclusion(int maxFailures, Duration timeout, LongSupplier clock) {
    this.maxFailures = maxFailures;
    this.timeoutMillis = timeout.toMillis();
    this.clock = clock;
  }

  /**
   * Counts one executor failure on {@code node}.
   *
   * @return true when this failure excluded the node
   */
  public boolean recordFailure(String node) {
    if (excludedUntil.containsKey(node)) {
      return false;
    }
    int n = failures.merge(node, 1, Integer::sum);
    if (n < maxFailures) {
      return false;
    }
    failures.remove(node);
    excludedUntil.put(node, clock.getAsLong() + timeoutMillis);
    newlyExcluded.add(node);
    return true;
  }

  /** The nodes excluded now (before expiries that {@link #update} has not yet applied). */
  public Set<String> excluded() {
    return new TreeSet<>(excludedUntil.keySet());
  }

  /** The blacklist changes since the last call: exclusions made, exclusions expired by now. */
  public Update update() {
    long now = clock.getAsLong();
    List<String> remove = new ArrayList<>();
    excludedUntil
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue() <= now) {
                remove.add(e.getKey());
                return true;
              }
              return false;
            });
    List<String> add = new ArrayList<>(newlyExcluded);
    add.removeAll(remove);
    List<String> removeFromYarn = new ArrayList<>(remove);
    removeFromYarn.removeAll(newlyExcluded);
    newlyExcluded.clear();
    return new Update(List.copyOf(add), List.copyOf(removeFromYarn));
  }
}
