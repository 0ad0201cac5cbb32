package dev.weft.sql.exec;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.PlanPrinter;
import java.util.ArrayList;
import java.util.List;

/** What the join operators share: sides, keys, type, residual condition and output. */
public abstract class JoinExec extends PhysicalPlan {
  final List<Expression> leftKeys;
  final List<Expression> rightKeys;
  final JoinType joinType;
  final Expression condition;
  final PhysicalPlan left;
  final PhysicalPlan right;

  JoinExec(
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      JoinType joinType,
      Expression condition,
      PhysicalPlan left,
      PhysicalPlan right) {
    this.leftKeys = List.copyOf(leftKeys);
    this.rightKeys = List.copyOf(rightKeys);
    this.joinType = joinType;
    this.condition = condition;
    this.left = left;
    this.right = right;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>();
    boolean leftNull = joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
    boolean rightNull = joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER;
    for (AttributeReference a : left.output()) {
      out.add(leftNull ? a.withNullability(true) : a);
    }
    if (joinType.outputsRight()) {
      for (AttributeReference a : right.output()) {
        out.add(rightNull ? a.withNullability(true) : a);
      }
    }
    return out;
  }

  /** The columns a condition is evaluated over: left then right. */
  List<AttributeReference> joinedInput() {
    List<AttributeReference> in = new ArrayList<>(left.output());
    in.addAll(right.output());
    return in;
  }

  Expression boundCondition() {
    return condition == null ? null : Binder.bind(condition, joinedInput());
  }

  @Override
  public String argString() {
    String keys =
        leftKeys.isEmpty()
            ? ""
            : PlanPrinter.list(leftKeys) + ", " + PlanPrinter.list(rightKeys) + ", ";
    return keys + joinType + (condition == null ? "" : ", " + PlanPrinter.expr(condition));
  }
}
