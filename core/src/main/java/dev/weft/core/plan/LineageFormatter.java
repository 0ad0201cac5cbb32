package dev.weft.core.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a lineage for people: as a tree ({@code toDebugString}) and as stages ({@code explain}).
 */
public final class LineageFormatter {
  private LineageFormatter() {}

  /**
   * One node per line, newest first: the narrow ancestors of a node follow it under {@code |}, and
   * a shuffle boundary starts a deeper level marked {@code +-}.
   */
  public static String lineage(PlanNode<?> node) {
    StringBuilder sb = new StringBuilder();
    render(node, "", "", sb, new HashSet<>());
    return sb.toString().stripTrailing();
  }

  private static void render(
      PlanNode<?> node, String firstPrefix, String prefix, StringBuilder sb, Set<Integer> seen) {
    sb.append(firstPrefix)
        .append('(')
        .append(node.numPartitions())
        .append(") ")
        .append(node.operation())
        .append(" [")
        .append(node.id())
        .append(']');
    if (node.storageLevel().isValid()) {
      sb.append(' ').append(node.storageLevel());
    }
    if (!seen.add(node.id())) {
      sb.append(" (shown above)\n");
      return;
    }
    sb.append('\n');
    for (Dependency d : node.dependencies()) {
      if (d instanceof ShuffleDependency<?, ?, ?> s) {
        render(s.parent(), prefix + " +-", prefix + "   ", sb, seen);
      } else {
        render(((NarrowDependency) d).parent(), prefix + " |  ", prefix, sb, seen);
      }
    }
  }

  /** The stages a job over {@code node} runs, parents first, with their nodes. */
  public static String stages(PlanNode<?> node) {
    Map<Integer, String> stages = new LinkedHashMap<>();
    int last = stagesOf(node, stages, new int[] {0}, new LinkedHashMap<>());
    StringBuilder sb = new StringBuilder();
    for (String s : stages.values()) {
      sb.append(s).append('\n');
    }
    sb.append("Result: stage ").append(last);
    return sb.toString();
  }

  /** Adds the stage ending at {@code node} (after its parents); returns its number. */
  private static int stagesOf(
      PlanNode<?> node, Map<Integer, String> out, int[] counter, Map<Integer, Integer> byShuffle) {
    List<String> chain = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    List<PlanNode<?>> todo = new ArrayList<>(List.of(node));
    Set<Integer> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      PlanNode<?> n = todo.remove(0);
      if (!seen.add(n.id())) {
        continue;
      }
      chain.add(n.operation() + "[" + n.id() + "]");
      for (Dependency d : n.dependencies()) {
        if (d instanceof ShuffleDependency<?, ?, ?> s) {
          Integer stage = byShuffle.get(s.shuffleId());
          if (stage == null) {
            stage = stagesOf(s.parent(), out, counter, byShuffle);
            byShuffle.put(s.shuffleId(), stage);
            out.put(
                stage,
                out.get(stage)
                    + " -> writes shuffle "
                    + s.shuffleId()
                    + " ("
                    + s.numReduces()
                    + " partitions"
                    + (s.aggregator() != null && s.mapSideCombine() ? ", map-side combine" : "")
                    + ")");
          }
          parents.add(stage);
        } else {
          todo.add(((NarrowDependency) d).parent());
        }
      }
    }
    int id = counter[0]++;
    out.put(
        id,
        "Stage "
            + id
            + " ("
            + node.numPartitions()
            + " tasks"
            + (parents.isEmpty() ? "" : ", after stages " + parents)
            + "): "
            + String.join(" <- ", chain));
    return id;
  }
}
