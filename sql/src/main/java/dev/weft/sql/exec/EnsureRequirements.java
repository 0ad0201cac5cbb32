package dev.weft.sql.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Inserts an exchange below each operator whose input is not partitioned as it requires, and only
 * there: an aggregation over input already hash-partitioned on its grouping columns (a repartition
 * or another aggregation on the same keys) needs no shuffle. Shuffled joins always get exchanges on
 * both sides (their cogroup shuffles both inputs together).
 */
public final class EnsureRequirements {
  private final int shufflePartitions;

  public EnsureRequirements(int shufflePartitions) {
    this.shufflePartitions = shufflePartitions;
  }

  public PhysicalPlan apply(PhysicalPlan plan) {
    List<PhysicalPlan> children = new ArrayList<>();
    boolean changed = false;
    for (PhysicalPlan c : plan.children()) {
      PhysicalPlan n = apply(c);
      changed |= n != c;
      children.add(n);
    }
    List<Distribution> required = plan.requiredChildDistribution();
    for (int i = 0; i < children.size(); i++) {
      Distribution d = required.get(i);
      PhysicalPlan c = children.get(i);
      boolean join = plan instanceof SortMergeJoinExec;
      if (d != null && (join || !d.satisfiedBy(c.outputPartitioning()))) {
        if (join && c instanceof ShuffleExchangeExec) {
          continue;
        }
        children.set(i, new ShuffleExchangeExec(d.create(shufflePartitions), c));
        changed = true;
      }
    }
    return changed ? plan.withNewChildren(children) : plan;
  }
}
