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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation in two steps around an exchange. The partial step folds each task's rows into
 * one buffer per group (flushing its table when it holds {@link #PARTIAL_MAX_GROUPS} groups, which
 * keeps its memory bounded: the final step merges repeated groups anyway) and outputs the grouping
 * values followed by the buffer slots. The final step merges the buffers of each group and
 * evaluates the result expressions; over a hash exchange it runs as one core {@code combineByKey}
 * on encoded keys and buffers, which spills to disk when the task's memory runs out.
 */
public final class HashAggregateExec extends PhysicalPlan {
  static final int PARTIAL_MAX_GROUPS = 1 << 16;

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

  /** Whether this is the partial (map-side) half of an aggregation. */
  boolean isPartial() {
    return partial;
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
    return child.execute(ctx).mapPartitions(it -> new PartialIterator(it, keys, spec, global));
  }

  private Dataset<InternalRow> executeFinal(ExecContext ctx) {
    int k = grouping.size();
    AggregateSpec spec = new AggregateSpec(functions);
    Expression[] result =
        Binder.bind(resultExprs, concat(groupAttrs(), resultAttrs)).toArray(new Expression[0]);
    boolean global = grouping.isEmpty();
    if (child instanceof ShuffleExchangeExec ex
        && !(ex.partitioning() instanceof Partitioning.RoundRobin)) {
      PhysicalPlan input = ex.children().get(0);
      RowCodec keyCodec = new RowCodec(types(groupAttrs()));
      RowCodec bufferCodec = new RowCodec(spec.bufferTypes());
      int n = ex.partitioning().numPartitions();
      Dataset<InternalRow> rows = input.execute(ctx);
      return rows.mapToPair(
              row -> {
                Object[] v = row.values();
                Object[] key = java.util.Arrays.copyOfRange(v, 0, k);
                Object[] buf = java.util.Arrays.copyOfRange(v, k, v.length);
                return new Tuple2<>(
                    new BinaryRow(keyCodec.encode(new InternalRow(key))),
                    bufferCodec.encode(new InternalRow(buf)));
              })
          .combineByKey(
              bytes -> bufferCodec.decode(bytes).values(),
              (buf, bytes) -> {
                spec.merge(buf, bufferCodec.decode(bytes).values());
                return buf;
              },
              (a, b) -> {
                spec.merge(a, b);
                return a;
              },
              new KeyPartitioner(n),
              false)
          .mapPartitions(
              it ->
                  finish(
                      RowIterators.map(
                          it, t -> spec.result(keyCodec.decode(t._1().bytes()).values(), t._2())),
                      spec,
                      result,
                      global));
    }
    // Input already partitioned by the grouping columns: merge within each partition in memory.
    return child
        .execute(ctx)
        .mapPartitions(
            it -> {
              Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
              while (it.hasNext()) {
                Object[] v = it.next().values();
                List<Object> key = java.util.Arrays.asList(java.util.Arrays.copyOfRange(v, 0, k));
                Object[] buf = java.util.Arrays.copyOfRange(v, k, v.length);
                Object[] acc = groups.get(key);
                if (acc == null) {
                  groups.put(key, buf);
                } else {
                  spec.merge(acc, buf);
                }
              }
              Iterator<Map.Entry<List<Object>, Object[]>> entries = groups.entrySet().iterator();
              return finish(
                  RowIterators.map(entries, e -> spec.result(e.getKey().toArray(), e.getValue())),
                  spec,
                  result,
                  global);
            });
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

  /** Folds a partition's rows into per-group buffers, emitting them when the table fills up. */
  private static final class PartialIterator implements Iterator<InternalRow> {
    private final Iterator<InternalRow> input;
    private final KeyEncoder keys;
    private final AggregateSpec spec;
    private final boolean global;
    private final Map<InternalRow, Object[]> table = new HashMap<>();
    private Iterator<Map.Entry<InternalRow, Object[]>> draining;
    private boolean emittedGlobal;

    PartialIterator(
        Iterator<InternalRow> input, KeyEncoder keys, AggregateSpec spec, boolean global) {
      this.input = input;
      this.keys = keys;
      this.spec = spec;
      this.global = global;
    }

    @Override
    public boolean hasNext() {
      if (draining != null && draining.hasNext()) {
        return true;
      }
      draining = null;
      table.clear();
      while (input.hasNext() && table.size() < PARTIAL_MAX_GROUPS) {
        InternalRow row = input.next();
        InternalRow key = keys.values(row);
        Object[] buf = table.get(key);
        if (buf == null) {
          buf = spec.newBuffer();
          table.put(key, buf);
        }
        spec.update(buf, row);
      }
      if (table.isEmpty() && global && !emittedGlobal) {
        table.put(new InternalRow(), spec.newBuffer());
      }
      emittedGlobal |= !table.isEmpty();
      draining = table.entrySet().iterator();
      return draining.hasNext();
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Map.Entry<InternalRow, Object[]> e = draining.next();
      Object[] key = e.getKey().values();
      Object[] buf = e.getValue();
      Object[] out = new Object[key.length + buf.length];
      System.arraycopy(key, 0, out, 0, key.length);
      System.arraycopy(buf, 0, out, key.length, buf.length);
      return new InternalRow(out);
    }
  }
}
