package dev.weft.sql.optimizer;

import java.util.List;

/** The logical optimizer: Weft's rules in the batches and order they run. */
public final class Optimizer extends RuleExecutor {
  public Optimizer() {
    super(
        List.of(
            new Batch(
                "Replace operators",
                1,
                List.of(new ReplaceDistinctWithAggregate(), new ReplaceDeduplicateWithAggregate())),
            new Batch(
                "Operator optimizations",
                100,
                List.of(
                    new ConstantFolding(),
                    new BooleanSimplification(),
                    new PruneFilters(),
                    new EliminateOuterJoin(),
                    new PushPredicateThroughProject(),
                    new PushPredicateThroughJoin(),
                    new CombineFilters(),
                    new CollapseProject(),
                    new RemoveNoopProject())),
            new Batch(
                "Scan pushdown", 1, List.of(new PushFiltersIntoScan(), new PruneScanColumns())),
            new Batch("Cleanup", 10, List.of(new CollapseProject(), new RemoveNoopProject()))));
  }
}
