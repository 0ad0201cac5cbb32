package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.NamedExpression;
import dev.weft.sql.plan.PlanPrinter;
import dev.weft.sql.vector.BatchEvaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * A filter and/or projection fused with a file scan that reads column batches: the condition
 * narrows each batch's selection and the projection is computed over the batch, both by generated
 * code where it covers the expressions ({@link BatchEvaluator}); rows (views of the batches) appear
 * only at the output. Its child is the scan, which it reads as batches.
 */
public final class BatchFilterProjectExec extends PhysicalPlan {
  private final Leaves.FileScanExec scan;
  private final Expression condition;
  private final List<NamedExpression> projectList;
  private final boolean codegen;

  private BatchFilterProjectExec(
      Leaves.FileScanExec scan,
      Expression condition,
      List<NamedExpression> projectList,
      boolean codegen) {
    this.scan = scan;
    this.condition = condition;
    this.projectList = projectList == null ? null : List.copyOf(projectList);
    this.codegen = codegen;
  }

  /** A filter over {@code child}: fused when the child is a batched scan. */
  static PhysicalPlan filter(Expression condition, PhysicalPlan child, boolean codegen) {
    if (child instanceof Leaves.FileScanExec s && s.batched()) {
      return new BatchFilterProjectExec(s, condition, null, codegen);
    }
    return new Narrow.FilterExec(condition, child);
  }

  /** A projection over {@code child}: fused when the child is a batched scan or fused filter. */
  static PhysicalPlan project(
      List<NamedExpression> projectList, PhysicalPlan child, boolean codegen) {
    if (child instanceof Leaves.FileScanExec s && s.batched()) {
      return new BatchFilterProjectExec(s, null, projectList, codegen);
    }
    if (child instanceof BatchFilterProjectExec f && f.projectList == null) {
      return new BatchFilterProjectExec(f.scan, f.condition, projectList, codegen);
    }
    return new Narrow.ProjectExec(projectList, child);
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(scan);
  }

  @Override
  public List<AttributeReference> output() {
    if (projectList == null) {
      return scan.output();
    }
    List<AttributeReference> out = new ArrayList<>();
    for (NamedExpression e : projectList) {
      out.add(e.toAttribute());
    }
    return out;
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    PhysicalPlan child = c.get(0);
    if (child instanceof Leaves.FileScanExec s && s.batched()) {
      return new BatchFilterProjectExec(s, condition, projectList, codegen);
    }
    PhysicalPlan p = condition == null ? child : new Narrow.FilterExec(condition, child);
    return projectList == null ? p : new Narrow.ProjectExec(projectList, p);
  }

  @Override
  public Partitioning outputPartitioning() {
    return scan.outputPartitioning();
  }

  @Override
  public Dataset<InternalRow> execute(ExecContext ctx) {
    List<AttributeReference> input = scan.output();
    Expression cond = condition == null ? null : Binder.bind(condition, input);
    List<Expression> exprs = projectList == null ? null : Binder.bind(projectList, input);
    BatchEvaluator evaluator = new BatchEvaluator(cond, exprs, codegen);
    return scan.executeBatches(ctx).mapPartitions(evaluator::rows);
  }

  /** Named as the operator the user wrote, a filter; left out when it only projects. */
  @Override
  String stageLabel() {
    return condition != null ? "Filter" : null;
  }

  @Override
  public String nodeName() {
    return "BatchFilterProject";
  }

  @Override
  public String argString() {
    StringBuilder b = new StringBuilder();
    b.append(projectList == null ? "*" : PlanPrinter.list(projectList));
    if (condition != null) {
      b.append(", ").append(PlanPrinter.expr(condition));
    }
    return b.append(codegen ? ", codegen" : "").toString();
  }
}
