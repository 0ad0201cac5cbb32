package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.api.Tuple2;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.SortOrder;
import dev.weft.sql.plan.PlanPrinter;
import dev.weft.sql.plan.Schemas;
import java.util.List;

/**
 * A global sort: over a range exchange it runs as one core {@code sortByKey} (sampled range bounds,
 * then each reduce task sorts its partition, spilling to disk when its memory runs out); rows
 * travel encoded, keyed by their sort-key values.
 */
public final class SortExec extends PhysicalPlan {
  private final List<SortOrder> order;
  private final PhysicalPlan child;

  public SortExec(List<SortOrder> order, PhysicalPlan child) {
    this.order = List.copyOf(order);
    this.child = child;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new SortExec(order, c.get(0));
  }

  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(new Distribution.Ordered(order));
  }

  @Override
  public Partitioning outputPartitioning() {
    return child.outputPartitioning();
  }

  @Override
  public String argString() {
    return PlanPrinter.list(order) + ", true";
  }

  @Override
  public Dataset<InternalRow> execute(ExecContext ctx) {
    if (!(child instanceof ShuffleExchangeExec ex)) {
      throw new IllegalStateException("a global sort needs a range exchange below it");
    }
    PhysicalPlan input = ex.children().get(0);
    Expression[] keys = RowOrdering.keys(order, input.output());
    RowOrdering ordering = RowOrdering.of(order);
    RowCodec codec = RowCodec.of(Schemas.of(input.output()));
    int n = ex.partitioning().numPartitions();
    return input
        .execute(ctx)
        .mapToPair(row -> new Tuple2<>(RowIterators.project(keys, row), codec.encode(row)))
        .sortByKey(ordering, true, n)
        .values()
        .map(codec::decode);
  }
}
