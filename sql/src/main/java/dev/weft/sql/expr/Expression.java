package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A node of an expression tree: immutable, usually a record. Expressions are built unresolved by
 * the API ({@link UnresolvedAttribute}), resolved by the analyzer (names bound to {@link
 * AttributeReference}s, implicit casts inserted), rewritten by optimizer rules, and finally bound
 * to input ordinals ({@link BoundReference}) for evaluation in tasks.
 *
 * <p>Evaluation follows SQL's three-valued logic: {@link #eval} returns null for NULL, and most
 * expressions are null when any input is (see {@link NullIntolerant}). Values are in the internal
 * representation of {@link InternalRow}.
 *
 * <p>Implementations: {@link #dataType()} and {@link #nullable()} may be called only when {@link
 * #resolved()}; {@link #checkInputTypes()} reports type errors in one line for the analyzer.
 */
public interface Expression extends Serializable {

  /** The inputs of this expression, in order. */
  List<Expression> children();

  /** This expression with its children replaced (same count, same order). */
  Expression withNewChildren(List<Expression> children);

  /** The type of the value; only valid once resolved. */
  DataType dataType();

  /** Whether the value may be null; only valid once resolved. */
  boolean nullable();

  /** The value for {@code input} (internal representation; null for SQL NULL). */
  Object eval(InternalRow input);

  /**
   * Whether every name in this tree is bound and its input types are acceptable. The default:
   * children resolved and {@link #checkInputTypes()} passes.
   */
  default boolean resolved() {
    return childrenResolved() && checkInputTypes() == null;
  }

  default boolean childrenResolved() {
    for (Expression c : children()) {
      if (!c.resolved()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Null when the children's types suit this expression, else a one-line message naming the
   * expression and the types found, e.g. {@code "cannot compare string with int in (a > 1)"}.
   * Called only when the children are resolved.
   */
  default String checkInputTypes() {
    return null;
  }

  /** Whether the value depends only on the expression itself (no input): constant folding. */
  default boolean foldable() {
    if (children().isEmpty() || !deterministic()) {
      return false;
    }
    for (Expression c : children()) {
      if (!c.foldable()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the same input always gives the same value (false for rand(), current_date()). */
  default boolean deterministic() {
    for (Expression c : children()) {
      if (!c.deterministic()) {
        return false;
      }
    }
    return true;
  }

  /** The name of the function for plans and default column names, e.g. {@code upper}. */
  default String prettyName() {
    return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The expression as SQL text, for {@code explain()} and default column names: {@code (a + 1)},
   * {@code upper(name)}. The default is {@code prettyName(child, ...)}.
   */
  default String sql() {
    StringBuilder b = new StringBuilder(prettyName()).append('(');
    List<Expression> children = children();
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(children.get(i).sql());
    }
    return b.append(')').toString();
  }

  // ---- tree helpers ----

  /**
   * Applies {@code rule} to every node, children first; unchanged subtrees are kept as they are.
   */
  default Expression transformUp(Function<Expression, Expression> rule) {
    List<Expression> children = children();
    Expression self = this;
    if (!children.isEmpty()) {
      List<Expression> newChildren = new ArrayList<>(children.size());
      boolean changed = false;
      for (Expression c : children) {
        Expression n = c.transformUp(rule);
        changed |= n != c;
        newChildren.add(n);
      }
      if (changed) {
        self = withNewChildren(newChildren);
      }
    }
    Expression result = rule.apply(self);
    return result == null ? self : result;
  }

  /** Applies {@code rule} to every node, parents first; unchanged subtrees are kept as they are. */
  default Expression transformDown(Function<Expression, Expression> rule) {
    Expression applied = rule.apply(this);
    Expression self = applied == null ? this : applied;
    List<Expression> children = self.children();
    if (children.isEmpty()) {
      return self;
    }
    List<Expression> newChildren = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression c : children) {
      Expression n = c.transformDown(rule);
      changed |= n != c;
      newChildren.add(n);
    }
    return changed ? self.withNewChildren(newChildren) : self;
  }

  /** Every node of this tree (this one first, then depth first) that matches. */
  default List<Expression> collect(Predicate<Expression> test) {
    List<Expression> out = new ArrayList<>();
    collectInto(test, out);
    return out;
  }

  private void collectInto(Predicate<Expression> test, List<Expression> out) {
    if (test.test(this)) {
      out.add(this);
    }
    for (Expression c : children()) {
      c.collectInto(test, out);
    }
  }

  /** Whether any node of this tree matches. */
  default boolean exists(Predicate<Expression> test) {
    if (test.test(this)) {
      return true;
    }
    for (Expression c : children()) {
      if (c.exists(test)) {
        return true;
      }
    }
    return false;
  }

  /** The attributes this expression reads. */
  default Set<AttributeReference> references() {
    Set<AttributeReference> refs = new LinkedHashSet<>();
    for (Expression e : collect(x -> x instanceof AttributeReference)) {
      refs.add((AttributeReference) e);
    }
    return refs;
  }
}
