package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A join of two plans. {@code condition} may be null (a cross product, or a join {@code USING}
 * columns before analysis, which turns {@code usingColumns} into a condition and a projection).
 */
public record Join(
    LogicalPlan left,
    LogicalPlan right,
    JoinType joinType,
    Expression condition,
    List<String> usingColumns)
    implements LogicalPlan {
  public Join {
    usingColumns = List.copyOf(usingColumns);
  }

  public Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition) {
    this(left, right, joinType, condition, List.of());
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>();
    switch (joinType) {
      case LEFT_SEMI, LEFT_ANTI -> out.addAll(left.output());
      case LEFT_OUTER -> {
        out.addAll(left.output());
        out.addAll(Nodes.nullable(right.output()));
      }
      case RIGHT_OUTER -> {
        out.addAll(Nodes.nullable(left.output()));
        out.addAll(right.output());
      }
      case FULL_OUTER -> {
        out.addAll(Nodes.nullable(left.output()));
        out.addAll(Nodes.nullable(right.output()));
      }
      default -> {
        out.addAll(left.output());
        out.addAll(right.output());
      }
    }
    return out;
  }

  @Override
  public List<Expression> expressions() {
    return condition == null ? List.of() : List.of(condition);
  }

  @Override
  public boolean resolved() {
    return LogicalPlan.super.resolved() && usingColumns.isEmpty();
  }

  @Override
  public LogicalPlan withNewChildren(List<LogicalPlan> c) {
    Nodes.requireChildren(c, 2, "Join");
    return new Join(c.get(0), c.get(1), joinType, condition, usingColumns);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return condition == null
        ? this
        : new Join(left, right, joinType, f.apply(condition), usingColumns);
  }

  @Override
  public long sizeInBytes() {
    if (joinType == JoinType.LEFT_SEMI || joinType == JoinType.LEFT_ANTI) {
      return left.sizeInBytes();
    }
    return Statistics.multiply(left.sizeInBytes(), right.sizeInBytes());
  }

  @Override
  public String argString() {
    return joinType
        + (condition == null ? "" : ", " + PlanPrinter.expr(condition))
        + (usingColumns.isEmpty() ? "" : ", USING " + usingColumns);
  }
}
