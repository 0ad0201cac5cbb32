package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.NamedExpression;
import dev.weft.sql.plan.PlanPrinter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The narrow row operators: filter, project, local limit, union. */
public final class Narrow {
  private Narrow() {}

  /** The rows where a condition is TRUE. */
  public static final class FilterExec extends PhysicalPlan {
    final Expression condition;
    private final PhysicalPlan child;

    public FilterExec(Expression condition, PhysicalPlan child) {
      this.condition = condition;
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
      return new FilterExec(condition, c.get(0));
    }

    @Override
    public Partitioning outputPartitioning() {
      return child.outputPartitioning();
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      Expression bound = Binder.bind(condition, child.output());
      return child.execute(ctx).mapPartitions(it -> RowIterators.filter(it, bound));
    }

    @Override
    public String argString() {
      return PlanPrinter.expr(condition);
    }
  }

  /**
   * Computes the select list. Over a filter, both run in one pass: a row is tested and projected
   * without an intermediate row or iterator between them.
   */
  public static final class ProjectExec extends PhysicalPlan {
    private final List<NamedExpression> projectList;
    private final PhysicalPlan child;

    public ProjectExec(List<NamedExpression> projectList, PhysicalPlan child) {
      this.projectList = List.copyOf(projectList);
      this.child = child;
    }

    /** Projections are left out of stage names. */
    @Override
    String stageLabel() {
      return null;
    }

    @Override
    public List<PhysicalPlan> children() {
      return List.of(child);
    }

    @Override
    public List<AttributeReference> output() {
      List<AttributeReference> out = new ArrayList<>();
      for (NamedExpression e : projectList) {
        out.add(e.toAttribute());
      }
      return out;
    }

    @Override
    public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
      return new ProjectExec(projectList, c.get(0));
    }

    @Override
    public Partitioning outputPartitioning() {
      Partitioning p = child.outputPartitioning();
      if (p instanceof Partitioning.Hash h && output().containsAll(referencesOf(h.exprs()))) {
        return p;
      }
      return p instanceof Partitioning.Single ? p : new Partitioning.Unknown(p.numPartitions());
    }

    private static List<AttributeReference> referencesOf(List<Expression> exprs) {
      List<AttributeReference> refs = new ArrayList<>();
      for (Expression e : exprs) {
        refs.addAll(e.references());
      }
      return refs;
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      if (child instanceof FilterExec f) {
        PhysicalPlan input = f.children().get(0);
        Expression cond = Binder.bind(f.condition, input.output());
        Expression[] exprs = Binder.bind(projectList, input.output()).toArray(new Expression[0]);
        return input.execute(ctx).mapPartitions(it -> filterProject(it, cond, exprs));
      }
      Expression[] exprs = Binder.bind(projectList, child.output()).toArray(new Expression[0]);
      return child
          .execute(ctx)
          .mapPartitions(it -> RowIterators.map(it, r -> RowIterators.project(exprs, r)));
    }

    private static Iterator<InternalRow> filterProject(
        Iterator<InternalRow> in, Expression cond, Expression[] exprs) {
      return new Iterator<>() {
        private InternalRow next;

        @Override
        public boolean hasNext() {
          while (next == null && in.hasNext()) {
            InternalRow r = in.next();
            if (Boolean.TRUE.equals(cond.eval(r))) {
              next = RowIterators.project(exprs, r);
            }
          }
          return next != null;
        }

        @Override
        public InternalRow next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          InternalRow r = next;
          next = null;
          return r;
        }
      };
    }

    @Override
    public String argString() {
      return PlanPrinter.list(projectList);
    }
  }

  /** At most n rows of each partition. */
  public static final class LocalLimitExec extends PhysicalPlan {
    private final int limit;
    private final PhysicalPlan child;

    public LocalLimitExec(int limit, PhysicalPlan child) {
      this.limit = limit;
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
      return new LocalLimitExec(limit, c.get(0));
    }

    @Override
    public Partitioning outputPartitioning() {
      return child.outputPartitioning();
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      int n = limit;
      return child.execute(ctx).mapPartitions(it -> RowIterators.limit(it, n));
    }

    @Override
    public String argString() {
      return String.valueOf(limit);
    }
  }

  /** The first n rows of a single-partition input. */
  public static final class GlobalLimitExec extends PhysicalPlan {
    private final int limit;
    private final PhysicalPlan child;

    public GlobalLimitExec(int limit, PhysicalPlan child) {
      this.limit = limit;
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
      return new GlobalLimitExec(limit, c.get(0));
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
      return List.of(new Distribution.AllTuples());
    }

    @Override
    public Partitioning outputPartitioning() {
      return new Partitioning.Single();
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      int n = limit;
      return child.execute(ctx).mapPartitions(it -> RowIterators.limit(it, n));
    }

    @Override
    public String argString() {
      return String.valueOf(limit);
    }
  }

  /** The rows of every child, one after another; columns match by position. */
  public static final class UnionExec extends PhysicalPlan {
    private final List<PhysicalPlan> children;
    private final List<AttributeReference> output;

    public UnionExec(List<PhysicalPlan> children, List<AttributeReference> output) {
      this.children = List.copyOf(children);
      this.output = output;
    }

    @Override
    public List<PhysicalPlan> children() {
      return children;
    }

    @Override
    public List<AttributeReference> output() {
      return output;
    }

    @Override
    public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
      return new UnionExec(c, output);
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      Dataset<InternalRow> all = children.get(0).execute(ctx);
      for (int i = 1; i < children.size(); i++) {
        all = all.union(children.get(i).execute(ctx));
      }
      return all;
    }

    @Override
    public String argString() {
      return "";
    }
  }
}
