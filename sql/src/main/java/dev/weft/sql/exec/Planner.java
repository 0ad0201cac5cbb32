package dev.weft.sql.exec;

import dev.weft.sql.AnalysisException;
import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.NamedExpression;
import dev.weft.sql.expr.Predicates;
import dev.weft.sql.plan.Aggregate;
import dev.weft.sql.plan.DatasetRelation;
import dev.weft.sql.plan.FileRelation;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.Join;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.Limit;
import dev.weft.sql.plan.LocalRelation;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Project;
import dev.weft.sql.plan.Repartition;
import dev.weft.sql.plan.Sort;
import dev.weft.sql.plan.SubqueryAlias;
import dev.weft.sql.plan.Union;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an optimized logical plan into physical operators: two-step hash aggregation, a broadcast
 * join when a side's estimated size is at most {@code weft.sql.autoBroadcastJoinThreshold}, else a
 * shuffled hash join, {@code orderBy().limit()} as a bounded top-n; then {@link EnsureRequirements}
 * adds the exchanges the operators' input distributions need.
 */
public final class Planner {
  private final ExecContext ctx;

  public Planner(ExecContext ctx) {
    this.ctx = ctx;
  }

  public PhysicalPlan plan(LogicalPlan logical) {
    return new EnsureRequirements(ctx.shufflePartitions()).apply(planNode(logical));
  }

  private PhysicalPlan planNode(LogicalPlan p) {
    if (p instanceof LocalRelation r) {
      return new Leaves.LocalTableScanExec(
          r.output(), r.rows(), ctx.context().defaultParallelism());
    }
    if (p instanceof DatasetRelation r) {
      return new Leaves.ExistingDatasetScanExec(r.output(), r.data(), r.name());
    }
    if (p instanceof FileRelation r) {
      return new Leaves.FileScanExec(r, batched(r));
    }
    if (p instanceof SubqueryAlias s) {
      return planNode(s.child());
    }
    if (p instanceof Project pr) {
      return BatchFilterProjectExec.project(pr.namedList(), planNode(pr.child()), codegen());
    }
    if (p instanceof Filter f) {
      return BatchFilterProjectExec.filter(f.condition(), planNode(f.child()), codegen());
    }
    if (p instanceof Aggregate a) {
      return planAggregate(a);
    }
    if (p instanceof Join j) {
      return planJoin(j);
    }
    if (p instanceof Limit l && l.child() instanceof Sort s && s.global()) {
      return new TakeOrderedExec(l.n(), s.order(), planNode(s.child()));
    }
    if (p instanceof Limit l
        && l.child() instanceof Project pr
        && pr.child() instanceof Sort s
        && s.global()) {
      // orderBy(...).select(...).limit(n): the top n, then the projection (a gather of sorted
      // partitions through an exchange would not keep their order)
      return new Narrow.ProjectExec(
          pr.namedList(), new TakeOrderedExec(l.n(), s.order(), planNode(s.child())));
    }
    if (p instanceof Limit l) {
      return new Narrow.GlobalLimitExec(
          l.n(), new Narrow.LocalLimitExec(l.n(), planNode(l.child())));
    }
    if (p instanceof Sort s) {
      return new SortExec(s.order(), planNode(s.child()));
    }
    if (p instanceof Union u) {
      List<PhysicalPlan> children = new ArrayList<>();
      for (LogicalPlan c : u.children()) {
        children.add(planNode(c));
      }
      return new Narrow.UnionExec(children, u.output());
    }
    if (p instanceof Repartition r) {
      int n = r.numPartitions() > 0 ? r.numPartitions() : ctx.shufflePartitions();
      Partitioning part =
          r.partitionExprs().isEmpty()
              ? new Partitioning.RoundRobin(n)
              : new Partitioning.Hash(r.partitionExprs(), n);
      return new ShuffleExchangeExec(part, planNode(r.child()));
    }
    throw new IllegalStateException(
        "No physical operator for " + p.nodeName() + " " + p.argString());
  }

  private PhysicalPlan planAggregate(Aggregate a) {
    List<NamedExpression> grouping = new ArrayList<>();
    for (Expression g : a.groupingExprs()) {
      grouping.add(g instanceof AttributeReference attr ? attr : new Alias(g, g.sql()));
    }
    List<AttributeReference> groupAttrs = new ArrayList<>();
    for (NamedExpression g : grouping) {
      groupAttrs.add(g.toAttribute());
    }
    List<AggregateFunction> functions = new ArrayList<>();
    for (Expression e : a.aggregateExprs()) {
      for (Expression f : e.collect(x -> x instanceof AggregateFunction)) {
        if (!functions.contains(f)) {
          functions.add((AggregateFunction) f);
        }
      }
    }
    List<AttributeReference> bufferAttrs = new ArrayList<>();
    List<AttributeReference> resultAttrs = new ArrayList<>();
    for (AggregateFunction f : functions) {
      for (dev.weft.sql.types.DataType t : f.bufferTypes()) {
        bufferAttrs.add(AttributeReference.create(f.prettyName() + "_buf", t, true));
      }
      resultAttrs.add(AttributeReference.create(f.sql(), f.dataType(), f.nullable()));
    }
    List<NamedExpression> results = new ArrayList<>();
    for (Expression e : a.aggregateExprs()) {
      Expression r =
          e.transformDown(
              x -> {
                int fi = functions.indexOf(x);
                if (fi >= 0 && x instanceof AggregateFunction) {
                  return resultAttrs.get(fi);
                }
                int gi = a.groupingExprs().indexOf(x);
                if (gi >= 0 && !(x instanceof Alias)) {
                  return groupAttrs.get(gi);
                }
                return x;
              });
      results.add((NamedExpression) r);
    }
    PhysicalPlan partial =
        HashAggregateExec.partial(grouping, functions, bufferAttrs, planNode(a.child()));
    return HashAggregateExec.finalStep(
        new ArrayList<>(groupAttrs), functions, bufferAttrs, resultAttrs, results, partial);
  }

  private PhysicalPlan planJoin(Join j) {
    Set<AttributeReference> leftOut = new HashSet<>(j.left().output());
    Set<AttributeReference> rightOut = new HashSet<>(j.right().output());
    List<Expression> leftKeys = new ArrayList<>();
    List<Expression> rightKeys = new ArrayList<>();
    List<Expression> rest = new ArrayList<>();
    if (j.condition() != null) {
      for (Expression c : Predicates.splitConjuncts(j.condition())) {
        if (c instanceof EqualTo eq) {
          Set<AttributeReference> l = eq.left().references();
          Set<AttributeReference> r = eq.right().references();
          if (!l.isEmpty() && !r.isEmpty() && leftOut.containsAll(l) && rightOut.containsAll(r)) {
            leftKeys.add(eq.left());
            rightKeys.add(eq.right());
            continue;
          }
          if (!l.isEmpty() && !r.isEmpty() && rightOut.containsAll(l) && leftOut.containsAll(r)) {
            leftKeys.add(eq.right());
            rightKeys.add(eq.left());
            continue;
          }
        }
        rest.add(c);
      }
    }
    JoinType t = j.joinType() == JoinType.CROSS ? JoinType.INNER : j.joinType();
    Expression residual = rest.isEmpty() ? null : Predicates.and(rest);
    PhysicalPlan left = planNode(j.left());
    PhysicalPlan right = planNode(j.right());
    long threshold = ctx.broadcastThreshold();
    boolean canBuildRight = t != JoinType.RIGHT_OUTER && t != JoinType.FULL_OUTER;
    boolean canBuildLeft = t == JoinType.INNER || t == JoinType.RIGHT_OUTER;
    long rightSize = j.right().sizeInBytes();
    long leftSize = j.left().sizeInBytes();
    if (!leftKeys.isEmpty()) {
      boolean rightSmall = canBuildRight && threshold > 0 && rightSize <= threshold;
      boolean leftSmall = canBuildLeft && threshold > 0 && leftSize <= threshold;
      if (rightSmall && (!leftSmall || rightSize <= leftSize)) {
        return new BroadcastJoinExec(leftKeys, rightKeys, t, true, residual, left, right);
      }
      if (leftSmall) {
        return new BroadcastJoinExec(leftKeys, rightKeys, t, false, residual, left, right);
      }
      return new SortMergeJoinExec(leftKeys, rightKeys, t, residual, left, right);
    }
    // No equi-join keys: a nested loop against a broadcast side.
    boolean buildRight =
        t != JoinType.RIGHT_OUTER && (t != JoinType.INNER || rightSize <= leftSize);
    if (t == JoinType.FULL_OUTER && j.condition() == null) {
      throw new AnalysisException("A full outer join needs a join condition");
    }
    return new BroadcastJoinExec(List.of(), List.of(), t, buildRight, residual, left, right);
  }

  private boolean codegen() {
    return dev.weft.core.driver.Internals.of(ctx.context())
        .config()
        .get(dev.weft.sql.SqlConfig.CODEGEN_WHOLE_STAGE);
  }

  /** Whether a file scan reads column batches (the vectorized Parquet reader). */
  private boolean batched(FileRelation r) {
    boolean enabled =
        dev.weft.core.driver.Internals.of(ctx.context())
            .config()
            .get(dev.weft.sql.SqlConfig.PARQUET_VECTORIZED_READER);
    return enabled && r.source().supportsBatches(r.output().stream().map(a -> a.name()).toList());
  }
}
