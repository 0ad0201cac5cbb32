package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A node of a logical query plan: an immutable tree describing what to compute, not how. Built by
 * the DataFrame API with unresolved names, resolved by the {@link dev.weft.sql.analysis.Analyzer},
 * rewritten by optimizer rules and finally turned into physical operators.
 */
public interface LogicalPlan {

  /** The inputs of this node, in order. */
  List<LogicalPlan> children();

  /** The columns this node outputs; only meaningful once {@link #resolved()}. */
  List<AttributeReference> output();

  /** The expressions this node holds (not those of its children). */
  List<Expression> expressions();

  /** This node over other children (same count and order). */
  LogicalPlan withNewChildren(List<LogicalPlan> children);

  /** This node with {@code f} applied to each of its top-level expressions. */
  LogicalPlan mapExpressions(Function<Expression, Expression> f);

  /** The node's arguments as {@code explain} shows them after its name. */
  String argString();

  /** The node's name in plans. */
  default String nodeName() {
    return getClass().getSimpleName();
  }

  /** Whether every name is bound and every expression type-checks, here and below. */
  default boolean resolved() {
    for (LogicalPlan c : children()) {
      if (!c.resolved()) {
        return false;
      }
    }
    for (Expression e : expressions()) {
      if (!e.resolved()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the children are resolved (so this node's names can be bound). */
  default boolean childrenResolved() {
    for (LogicalPlan c : children()) {
      if (!c.resolved()) {
        return false;
      }
    }
    return true;
  }

  /**
   * An estimate of the bytes this node outputs, for join planning; {@link Long#MAX_VALUE} when
   * unknown. The default: the product of the children's sizes (a leaf must override).
   */
  default long sizeInBytes() {
    long size = 1;
    for (LogicalPlan c : children()) {
      size = Statistics.multiply(size, c.sizeInBytes());
    }
    return size;
  }

  /** The output as a schema. */
  default StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (AttributeReference a : output()) {
      fields.add(new StructField(a.name(), a.dataType(), a.nullable()));
    }
    return StructType.of(fields);
  }

  /** Every expression of this node, transformed bottom-up. */
  default LogicalPlan transformExpressions(Function<Expression, Expression> rule) {
    return mapExpressions(e -> e.transformUp(rule));
  }

  /** Applies {@code rule} to every node, children first; null from the rule keeps the node. */
  default LogicalPlan transformUp(Function<LogicalPlan, LogicalPlan> rule) {
    List<LogicalPlan> children = children();
    LogicalPlan self = this;
    if (!children.isEmpty()) {
      List<LogicalPlan> next = new ArrayList<>(children.size());
      boolean changed = false;
      for (LogicalPlan c : children) {
        LogicalPlan n = c.transformUp(rule);
        changed |= n != c;
        next.add(n);
      }
      if (changed) {
        self = withNewChildren(next);
      }
    }
    LogicalPlan r = rule.apply(self);
    return r == null ? self : r;
  }

  /** Applies {@code rule} to every node, parents first; null from the rule keeps the node. */
  default LogicalPlan transformDown(Function<LogicalPlan, LogicalPlan> rule) {
    LogicalPlan r = rule.apply(this);
    LogicalPlan self = r == null ? this : r;
    List<LogicalPlan> children = self.children();
    if (children.isEmpty()) {
      return self;
    }
    List<LogicalPlan> next = new ArrayList<>(children.size());
    boolean changed = false;
    for (LogicalPlan c : children) {
      LogicalPlan n = c.transformDown(rule);
      changed |= n != c;
      next.add(n);
    }
    return changed ? self.withNewChildren(next) : self;
  }

  /** Whether any node of this tree matches. */
  default boolean exists(java.util.function.Predicate<LogicalPlan> test) {
    if (test.test(this)) {
      return true;
    }
    for (LogicalPlan c : children()) {
      if (c.exists(test)) {
        return true;
      }
    }
    return false;
  }

  /** The plan as an indented tree, one node a line, as {@code explain} prints it. */
  default String treeString() {
    return PlanPrinter.tree(this, LogicalPlan::children, p -> p.nodeName() + " " + p.argString());
  }
}
