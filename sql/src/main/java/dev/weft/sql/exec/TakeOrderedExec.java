package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.api.Tuple2;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.SortOrder;
import dev.weft.sql.plan.PlanPrinter;
import dev.weft.sql.plan.Schemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code orderBy(...).limit(n)}: each task keeps its n first rows in a bounded heap, one task
 * merges them; no full sort of the input.
 */
public final class TakeOrderedExec extends PhysicalPlan {
  private final int limit;
  private final List<SortOrder> order;
  private final PhysicalPlan child;

  public TakeOrderedExec(int limit, List<SortOrder> order, PhysicalPlan child) {
    this.limit = limit;
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
    return new TakeOrderedExec(limit, order, c.get(0));
  }

  @Override
  public Partitioning outputPartitioning() {
    return new Partitioning.Single();
  }

  @Override
  public String nodeName() {
    return "TakeOrdered";
  }

  @Override
  public String argString() {
    return "(limit=" + limit + ", orderBy=" + PlanPrinter.list(order) + ")";
  }

  @Override
  public Dataset<InternalRow> execute(ExecContext ctx) {
    Expression[] keys = RowOrdering.keys(order, child.output());
    RowOrdering ordering = RowOrdering.of(order);
    RowCodec codec = RowCodec.of(Schemas.of(child.output()));
    int n = limit;
    return child
        .execute(ctx)
        .mapPartitions(it -> topN(it, keys, ordering, n).iterator())
        .mapToPair(row -> new Tuple2<>(0, codec.encode(row)))
        .partitionBy(new KeyPartitioner(1))
        .values()
        .mapPartitions(
            it -> topN(RowIterators.map(it, codec::decode), keys, ordering, n).iterator());
  }

  private static List<InternalRow> topN(
      Iterator<InternalRow> rows, Expression[] keys, RowOrdering ordering, int n) {
    Comparator<Object[]> byKey = (a, b) -> ordering.compare((InternalRow) a[0], (InternalRow) b[0]);
    PriorityQueue<Object[]> heap = new PriorityQueue<>(byKey.reversed());
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      Object[] entry = {RowIterators.project(keys, r), r};
      if (heap.size() < n) {
        heap.add(entry);
      } else if (n > 0 && byKey.compare(entry, heap.peek()) < 0) {
        heap.poll();
        heap.add(entry);
      }
    }
    List<Object[]> sorted = new ArrayList<>(heap);
    sorted.sort(byKey);
    List<InternalRow> out = new ArrayList<>(sorted.size());
    for (Object[] e : sorted) {
      out.add((InternalRow) e[1]);
    }
    return out;
  }
}
