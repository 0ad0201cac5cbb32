package dev.weft.sql.expr.cond;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.TypeChecks;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] [ELSE e] END}: the value of the first branch
 * whose condition is TRUE (NULL counts as not true), else the ELSE value, else NULL. Built by
 * {@code when(...).when(...).otherwise(...)}; {@code elseValue} is null when there is no ELSE.
 */
public record CaseWhen(List<Expression> conditions, List<Expression> values, Expression elseValue)
    implements Expression {

  public CaseWhen {
    conditions = List.copyOf(conditions);
    values = List.copyOf(values);
    if (conditions.size() != values.size() || conditions.isEmpty()) {
      throw new IllegalArgumentException(
          "CASE WHEN needs one value per condition and at least one branch");
    }
  }

  /** This CASE with one more WHEN branch (before the ELSE). */
  public CaseWhen withBranch(Expression condition, Expression value) {
    List<Expression> c = new ArrayList<>(conditions);
    List<Expression> v = new ArrayList<>(values);
    c.add(condition);
    v.add(value);
    return new CaseWhen(c, v, elseValue);
  }

  /** This CASE with an ELSE value. */
  public CaseWhen withElse(Expression value) {
    return new CaseWhen(conditions, values, value);
  }

  @Override
  public List<Expression> children() {
    List<Expression> out = new ArrayList<>(conditions.size() * 2 + 1);
    for (int i = 0; i < conditions.size(); i++) {
      out.add(conditions.get(i));
      out.add(values.get(i));
    }
    if (elseValue != null) {
      out.add(elseValue);
    }
    return out;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    int n = conditions.size();
    List<Expression> conds = new ArrayList<>(n);
    List<Expression> vals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      conds.add(c.get(2 * i));
      vals.add(c.get(2 * i + 1));
    }
    return new CaseWhen(conds, vals, c.size() > 2 * n ? c.get(2 * n) : null);
  }

  /** The THEN values and the ELSE value, in order. */
  public List<Expression> branchValues() {
    List<Expression> out = new ArrayList<>(values);
    if (elseValue != null) {
      out.add(elseValue);
    }
    return out;
  }

  @Override
  public DataType dataType() {
    for (Expression v : branchValues()) {
      if (v.dataType().kind() != DataType.Kind.NULL) {
        return v.dataType();
      }
    }
    return DataTypes.NullType;
  }

  @Override
  public boolean nullable() {
    return elseValue == null || branchValues().stream().anyMatch(Expression::nullable);
  }

  @Override
  public String checkInputTypes() {
    for (int i = 0; i < conditions.size(); i++) {
      DataType t = conditions.get(i).dataType();
      if (!t.equals(DataTypes.BooleanType) && t.kind() != DataType.Kind.NULL) {
        return TypeChecks.mismatch(this, 2 * i, "boolean");
      }
    }
    return TypeChecks.sameType(
        this,
        branchValues().stream().filter(v -> v.dataType().kind() != DataType.Kind.NULL).toList());
  }

  @Override
  public Object eval(InternalRow input) {
    for (int i = 0; i < conditions.size(); i++) {
      if (Boolean.TRUE.equals(conditions.get(i).eval(input))) {
        return values.get(i).eval(input);
      }
    }
    return elseValue == null ? null : elseValue.eval(input);
  }

  @Override
  public String prettyName() {
    return "casewhen";
  }

  @Override
  public String sql() {
    StringBuilder b = new StringBuilder("CASE");
    for (int i = 0; i < conditions.size(); i++) {
      b.append(" WHEN ").append(conditions.get(i).sql());
      b.append(" THEN ").append(values.get(i).sql());
    }
    if (elseValue != null) {
      b.append(" ELSE ").append(elseValue.sql());
    }
    return b.append(" END").toString();
  }
}
