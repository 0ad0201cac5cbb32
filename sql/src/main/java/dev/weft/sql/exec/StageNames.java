package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.core.driver.Internals;
import dev.weft.core.plan.Dependency;
import dev.weft.core.plan.NarrowDependency;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.sql.expr.InternalRow;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the stages of a query after the physical operators they run, for the console, the UI and
 * the event log: {@code Scan parquet -> Filter -> HashAggregate(partial) at EtlJob.java:42} rather
 * than the core operation that happens to end the stage ({@code mapToPair at ...}). The call site
 * is the one core recorded when the lineage was built, the user's action.
 *
 * <p>The physical plan is cut at its exchanges into segments, each the operators of one stage (the
 * build side of a broadcast join runs in a job of its own and is left out); the lineage is cut at
 * its shuffles. Both are walked depth first, children in order, and the n-th segment names the n-th
 * stage. When the two do not line up (an operator shuffling on its own), only the result stage is
 * named.
 */
public final class StageNames {
  private static final int MAX_OPERATORS = 4;

  private StageNames() {}

  /** Names the stage nodes of {@code result}, the lineage that {@code plan} built. */
  public static void apply(PhysicalPlan plan, Dataset<InternalRow> result) {
    List<List<PhysicalPlan>> segments = new ArrayList<>();
    segments.add(new ArrayList<>());
    cut(plan, 0, segments);

    PlanNode<InternalRow> root = Internals.node(result);
    List<PlanNode<?>> stageNodes = new ArrayList<>();
    stageNodes.add(root);
    shuffleParents(root, stageNodes, new IdentityHashMap<>());

    if (stageNodes.size() != segments.size()) {
      root.setDisplayName(name(segments.get(0)));
      return;
    }
    for (int i = 0; i < segments.size(); i++) {
      stageNodes.get(i).setDisplayName(name(segments.get(i)));
    }
  }

  /** Adds {@code p}'s subtree to {@code segment}, in execution order, opening one per exchange. */
  private static void cut(PhysicalPlan p, int segment, List<List<PhysicalPlan>> segments) {
    List<PhysicalPlan> inputs =
        p instanceof BroadcastJoinExec b ? List.of(b.streamedSide()) : p.children();
    for (PhysicalPlan child : inputs) {
      if (child instanceof ShuffleExchangeExec exchange) {
        segments.add(new ArrayList<>());
        cut(exchange.children().get(0), segments.size() - 1, segments);
      } else {
        cut(child, segment, segments);
      }
    }
    segments.get(segment).add(p);
  }

  /** The parents of the shuffles below {@code node}, depth first, each once. */
  private static void shuffleParents(
      PlanNode<?> node, List<PlanNode<?>> into, Map<PlanNode<?>, Boolean> seen) {
    if (seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    for (Dependency d : node.dependencies()) {
      if (d instanceof ShuffleDependency<?, ?, ?> s) {
        into.add(s.parent());
        shuffleParents(s.parent(), into, seen);
      } else if (d instanceof NarrowDependency n) {
        shuffleParents(n.parent(), into, seen);
      }
    }
  }

  /**
   * {@code Scan parquet -> Filter -> HashAggregate(partial)}: at most a few, projections left out.
   */
  static String name(List<PhysicalPlan> operators) {
    List<String> names = new ArrayList<>();
    for (PhysicalPlan p : operators) {
      String label = p.stageLabel();
      if (label != null) {
        names.add(label);
      } else if (operators.size() == 1) {
        names.add(p.nodeName());
      }
    }
    if (names.size() > MAX_OPERATORS) {
      List<String> shortened = new ArrayList<>(names.subList(0, MAX_OPERATORS / 2));
      shortened.add("...");
      shortened.addAll(names.subList(names.size() - MAX_OPERATORS / 2, names.size()));
      names = shortened;
    }
    return String.join(" -> ", names);
  }
}
