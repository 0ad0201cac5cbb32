package dev.weft.yarn.am.provision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans container requests from the scheduler's backlog: which outstanding requests to cancel and
 * which to add so that {@code wanted} requests are outstanding, with node preferences where tasks
 * are waiting. Pure; the allocator applies the plan.
 *
 * <p>A host with {@code p} pending tasks wants {@code ceil(p / cores)} executors; executors already
 * there and outstanding requests naming it count against that. Each new request names up to {@value
 * #MAX_NODES_PER_REQUEST} hosts with the largest unmet want (a task with replicated input is
 * counted on each replica's host, so a container on any of them serves it), and the want of each
 * named host drops by one. Requests with no host left to name ask for any node. Requests are
 * relaxed (YARN falls back to the rack, then to any node), so preferences never block allocation.
 *
 * <p>An outstanding request is stale when none of its hosts has pending tasks any more: it is
 * cancelled and replaced. When {@code wanted} drops below the outstanding requests (dynamic
 * allocation lowered the target), those of the hosts with the fewest pending tasks are cancelled.
 * Outstanding requests without a preference are kept when the new plan still needs that many, and
 * replaced by located ones otherwise.
 */
public final class RequestPlanner {

  /** The most hosts one request names. */
  public static final int MAX_NODES_PER_REQUEST = 3;

  private RequestPlanner() {}

  /**
   * A request the allocator has made and not yet seen satisfied.
   *
   * @param id the allocator's id for it
   * @param nodes the hosts it prefers, empty for any
   */
  public record Outstanding(long id, List<String> nodes) {
    public Outstanding {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * What to change.
   *
   * @param cancel ids of outstanding requests to remove
   * @param add node lists of requests to add (empty list: any node)
   */
  public record Plan(List<Long> cancel, List<List<String>> add) {
    public boolean isEmpty() {
      return cancel.isEmpty() && add.isEmpty();
    }
  }

  /**
   * Plans the requests.
   *
   * @param wanted how many requests should be outstanding after the plan (target minus live
   *     executors), 0 or more
   * @param outstanding the requests outstanding now
   * @param pendingByHost pending tasks per host (the backlog's)
   * @param executorsByHost live executors per host
   * @param cores task slots per executor
   * @param excluded hosts not to ask for
   */
  public static Plan plan(
      int wanted,
      List<Outstanding> outstanding,
      Map<String, Integer> pendingByHost,
      Map<String, Integer> executorsByHost,
      int cores,
      Set<String> excluded) {
    wanted = Math.max(0, wanted);
    List<Long> cancel = new ArrayList<>();
    List<Outstanding> located = new ArrayList<>();
    List<Outstanding> anywhere = new ArrayList<>();
    for (Outstanding o : outstanding) {
      if (o.nodes().isEmpty()) {
        anywhere.add(o);
      } else if (o.nodes().stream().noneMatch(h -> pending(pendingByHost, h, excluded) > 0)) {
        cancel.add(o.id());
      } else {
        located.add(o);
      }
    }
    if (located.size() > wanted) {
      // A lower target keeps the requests of the hosts where the most tasks wait (stable sort:
      // the newest of equals go first).
      located.sort(
          Comparator.comparingInt(
              (Outstanding o) ->
                  -o.nodes().stream()
                      .mapToInt(h -> pending(pendingByHost, h, excluded))
                      .max()
                      .orElse(0)));
      while (located.size() > wanted) {
        cancel.add(located.remove(located.size() - 1).id());
      }
    }

    Map<String, Integer> want = new HashMap<>();
    for (Map.Entry<String, Integer> e : pendingByHost.entrySet()) {
      int p = pending(pendingByHost, e.getKey(), excluded);
      if (p > 0) {
        int w = (p + cores - 1) / cores - executorsByHost.getOrDefault(e.getKey(), 0);
        if (w > 0) {
          want.put(e.getKey(), w);
        }
      }
    }
    for (Outstanding o : located) {
      for (String h : o.nodes()) {
        want.computeIfPresent(h, (k, w) -> w > 1 ? w - 1 : null);
      }
    }

    List<List<String>> placements = new ArrayList<>();
    for (int i = located.size(); i < wanted; i++) {
      List<String> nodes =
          want.entrySet().stream()
              .sorted(
                  Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                      .thenComparing(Map.Entry::getKey))
              .limit(MAX_NODES_PER_REQUEST)
              .map(Map.Entry::getKey)
              .toList();
      for (String h : nodes) {
        want.computeIfPresent(h, (k, w) -> w > 1 ? w - 1 : null);
      }
      placements.add(nodes);
    }

    long anyNeeded = placements.stream().filter(List::isEmpty).count();
    int keptAnywhere = (int) Math.min(anyNeeded, anywhere.size());
    for (int i = keptAnywhere; i < anywhere.size(); i++) {
      cancel.add(anywhere.get(i).id());
    }
    List<List<String>> add = new ArrayList<>();
    int anyToSkip = keptAnywhere;
    for (List<String> p : placements) {
      if (p.isEmpty() && anyToSkip > 0) {
        anyToSkip--;
      } else {
        add.add(p);
      }
    }
    return new Plan(List.copyOf(cancel), List.copyOf(add));
  }

  private static int pending(
      Map<String, Integer> pendingByHost, String host, Set<String> excluded) {
    return excluded.contains(host) ? 0 : pendingByHost.getOrDefault(host, 0);
  }
}
