package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.api.Tuple2;
import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.NamedExpression;
import dev.weft.sql.plan.PlanPrinter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hash aggregation in two steps around an exchange. The partial step folds each task's rows into
 * one buffer per group in a table whose estimated size is taken from the task's memory budget; when
 * the memory manager denies more (or another consumer of the task asks for memory), it emits the
 * table and starts an empty one, which is correct because the final step merges repeated groups
 * anyway. It outputs the grouping values followed by the buffer slots. The final step merges the
 * buffers of each group in a {@link SpillableAggregation}, which spills sorted runs to disk when
 * memory runs out and merges them at the end, and evaluates the result expressions.
 */
public final class HashAggregateExec extends PhysicalPlan {
  private final boolean partial;
  private final List<NamedExpression> grouping;
  private final List<AggregateFunction> functions;
  private final List<AttributeReference> bufferAttrs;
  private final List<AttributeReference> resultAttrs;
  private final List<NamedExpression> resultExprs;
  private final PhysicalPlan child;

  private HashAggregateExec(
      boolean partial,
      List<NamedExpression> grouping,
      List<AggregateFunction> functions,
      List<AttributeReference> bufferAttrs,
      List<AttributeReference> resultAttrs,
      List<NamedExpression> resultExprs,
      PhysicalPlan child) {
    this.partial = partial;
    this.grouping = grouping;
    this.functions = functions;
    this.bufferAttrs = bufferAttrs;
    this.resultAttrs = resultAttrs;
    this.resultExprs = resultExprs;
    this.child = child;
  }

  /** The partial step: {@code grouping} over the child, buffers as {@code bufferAttrs}. */
  public static HashAggregateExec partial(
      List<NamedExpression> grouping,
      List<AggregateFunction> functions,
      List<AttributeReference> bufferAttrs,
      PhysicalPlan child) {
    return new HashAggregateExec(true, grouping, functions, bufferAttrs, null, null, child);
  }

  /**
   * The final step over partial rows: {@code resultExprs} read the grouping columns and {@code
   * resultAttrs}, the values of {@code functions}.
   */
  public static HashAggregateExec finalStep(
      List<NamedExpression> grouping,
      List<AggregateFunction> functions,
      List<AttributeReference> bufferAttrs,
      List<AttributeReference> resultAttrs,
      List<NamedExpression> resultExprs,
      PhysicalPlan child) {
    return new HashAggregateExec(
        false, grouping, functions, bufferAttrs, resultAttrs, resultExprs, child);
  }

  private List<AttributeReference> groupAttrs() {
    List<AttributeReference> out = new ArrayList<>();
    for (NamedExpression g : grouping) {
      out.add(g.toAttribute());
    }
    return out;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    if (partial) {
      List<AttributeReference> out = groupAttrs();
      out.addAll(bufferAttrs);
      return out;
    }
    List<AttributeReference> out = new ArrayList<>();
    for (NamedExpression e : resultExprs) {
      out.add(e.toAttribute());
    }
    return out;
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new HashAggregateExec(
        partial, grouping, functions, bufferAttrs, resultAttrs, resultExprs, c.get(0));
  }

  @Override
  public List<Distribution> requiredChildDistribution() {
    if (partial) {
      return java.util.Collections.singletonList(null);
    }
    return List.of(
        grouping.isEmpty()
            ? new Distribution.AllTuples()
            : new Distribution.Clustered(List.copyOf(groupAttrs())));
  }

  @Override
  public Partitioning outputPartitioning() {
    Partitioning p = child.outputPartitioning();
    if (p instanceof Partitioning.Hash h && output().containsAll(h.exprs())) {
      return p;
    }
    return p instanceof Partitioning.Single ? p : new Partitioning.Unknown(p.numPartitions());
  }

  @Override
  public String nodeName() {
    return "HashAggregate";
  }

  @Override
  String stageLabel() {
    return "HashAggregate(" + (partial ? "partial" : "final") + ")";
  }

  @Override
  public String argString() {
    List<String> fs = new ArrayList<>();
    for (AggregateFunction f : functions) {
      fs.add((partial ? "partial_" : "") + PlanPrinter.expr(f));
    }
    return "(keys="
        + PlanPrinter.list(partial ? grouping : groupAttrs())
        + ", functions=["
        + String.join(", ", fs)
        + "]"
        + (partial ? "" : ", output=" + PlanPrinter.list(output()))
        + ")";
  }

  @Override
  public Dataset<InternalRow> execute(ExecContext ctx) {
    return partial ? executePartial(ctx) : executeFinal(ctx);
  }

  private Dataset<InternalRow> executePartial(ExecContext ctx) {
    List<AttributeReference> in = child.output();
    KeyEncoder keys = new KeyEncoder(grouping, in);
    AggregateSpec spec = AggregateSpec.bound(functions, in);
    boolean global = grouping.isEmpty();
    RowCodec outputCodec = new RowCodec(types(output()));
    return child
        .execute(ctx)
        .mapPartitions(it -> new PartialAggregation(it, keys, spec, global, outputCodec));
  }

  private Dataset<InternalRow> executeFinal(ExecContext ctx) {
    int k = grouping.size();
    AggregateSpec spec = new AggregateSpec(functions);
    Expression[] result =
        Binder.bind(resultExprs, concat(groupAttrs(), resultAttrs)).toArray(new Expression[0]);
    boolean global = grouping.isEmpty();
    RowCodec keyCodec = new RowCodec(types(groupAttrs()));
    RowCodec bufferCodec = new RowCodec(spec.bufferTypes());
    if (child instanceof ShuffleExchangeExec ex
        && !(ex.partitioning() instanceof Partitioning.RoundRobin)) {
      // One shuffle of encoded keys and buffers, merged by the reduce task.
      int n = ex.partitioning().numPartitions();
      return ex.children()
          .get(0)
          .execute(ctx)
          .mapToPair(
              row -> {
                Object[] v = row.values();
                Object[] key = java.util.Arrays.copyOfRange(v, 0, k);
                Object[] buf = java.util.Arrays.copyOfRange(v, k, v.length);
                return new Tuple2<>(
                    new BinaryRow(keyCodec.encode(new InternalRow(key))),
                    bufferCodec.encode(new InternalRow(buf)));
              })
          .partitionBy(new KeyPartitioner(n))
          .mapPartitions(
              it -> {
                SpillableAggregation table = new SpillableAggregation(spec, bufferCodec);
                while (it.hasNext()) {
                  Tuple2<BinaryRow, byte[]> t = it.next();
                  table.merge(t._1(), bufferCodec.decode(t._2()).values(), t._2().length);
                }
                return results(table, keyCodec, spec, result, global);
              });
    }
    // Input already partitioned by the grouping columns: merge within each partition.
    return child
        .execute(ctx)
        .mapPartitions(
            it -> {
              SpillableAggregation table = new SpillableAggregation(spec, bufferCodec);
              while (it.hasNext()) {
                Object[] v = it.next().values();
                Object[] key = java.util.Arrays.copyOfRange(v, 0, k);
                Object[] buf = java.util.Arrays.copyOfRange(v, k, v.length);
                table.merge(
                    new BinaryRow(keyCodec.encode(new InternalRow(key))),
                    buf,
                    (int) RowSizes.estimate(buf));
              }
              return results(table, keyCodec, spec, result, global);
            });
  }

  private static Iterator<InternalRow> results(
      SpillableAggregation table,
      RowCodec keyCodec,
      AggregateSpec spec,
      Expression[] result,
      boolean global) {
    return finish(
        RowIterators.map(
            table.groups(), e -> spec.result(keyCodec.decode(e.getKey()).values(), e.getValue())),
        spec,
        result,
        global);
  }

  /** The result rows; a global aggregation of no rows gives one row of empty aggregates. */
  private static Iterator<InternalRow> finish(
      Iterator<InternalRow> groups, AggregateSpec spec, Expression[] result, boolean global) {
    if (global && !groups.hasNext()) {
      groups = List.of(spec.result(new Object[0], spec.newBuffer())).iterator();
    }
    return RowIterators.map(groups, r -> RowIterators.project(result, r));
  }

  private static List<AttributeReference> concat(
      List<AttributeReference> a, List<AttributeReference> b) {
    List<AttributeReference> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<dev.weft.sql.types.DataType> types(List<AttributeReference> attrs) {
    return attrs.stream().map(AttributeReference::dataType).toList();
  }
}
