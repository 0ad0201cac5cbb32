package dev.weft.sql.analysis;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.arith.Add;
import dev.weft.sql.expr.arith.DecimalPrecision;
import dev.weft.sql.expr.arith.Divide;
import dev.weft.sql.expr.arith.IntegralDivide;
import dev.weft.sql.expr.arith.Subtract;
import dev.weft.sql.expr.datetime.DateAdd;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataType.Kind;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import java.util.Optional;

/** The arithmetic part of {@link TypeCoercion}: strings, dates, decimals, division, widening. */
final class ArithmeticCoercion {
  private ArithmeticCoercion() {}

  static Expression coerce(Expression e) {
    Expression l = e.children().get(0);
    Expression r = e.children().get(1);
    DataType lt = l.dataType();
    DataType rt = r.dataType();

    // date + n, n + date, date - n: date_add / date_sub (Spark's DateTimeOperations).
    if (e instanceof Add && lt.kind() == Kind.DATE && isDayCount(rt)) {
      return new DateAdd(l, r);
    }
    if (e instanceof Add && rt.kind() == Kind.DATE && isDayCount(lt)) {
      return new DateAdd(r, l);
    }
    if (e instanceof Subtract && lt.kind() == Kind.DATE && isDayCount(rt)) {
      return new DateAdd(l, r, true);
    }

    // Strings in arithmetic are doubles (bigints for div); NULL beside NULL is a double too.
    DataType forString = e instanceof IntegralDivide ? DataTypes.LongType : DataTypes.DoubleType;
    boolean changed = false;
    if (lt.kind() == Kind.STRING || (lt.kind() == Kind.NULL && rt.kind() == Kind.NULL)) {
      l = TypeCoercion.cast(l, forString);
      changed = true;
    }
    if (rt.kind() == Kind.STRING || rt.kind() == Kind.NULL && lt.kind() == Kind.NULL) {
      r = TypeCoercion.cast(r, forString);
      changed = true;
    }
    lt = l.dataType();
    rt = r.dataType();
    if (!lt.isNumeric() && lt.kind() != Kind.NULL || !rt.isNumeric() && rt.kind() != Kind.NULL) {
      return changed ? e.withNewChildren(List.of(l, r)) : e; // the type check reports it
    }

    Expression[] d = decimalOperands(l, r);
    if (d != null) {
      l = d[0];
      r = d[1];
      lt = l.dataType();
      rt = r.dataType();
      changed = true;
    }
    boolean decimals = lt.kind() == Kind.DECIMAL && rt.kind() == Kind.DECIMAL;
    if (e instanceof Divide && !decimals) {
      return withChildren(
          e,
          TypeCoercion.cast(l, DataTypes.DoubleType),
          TypeCoercion.cast(r, DataTypes.DoubleType));
    }
    if (e instanceof IntegralDivide && !decimals) {
      return withChildren(e, toLong(l), toLong(r));
    }
    if (!decimals && !lt.equals(rt)) {
      Optional<DataType> t = TypeCoercion.findTightestCommonType(lt, rt);
      if (t.isPresent()) {
        return e.withNewChildren(
            List.of(TypeCoercion.cast(l, t.get()), TypeCoercion.cast(r, t.get())));
      }
    }
    return changed ? e.withNewChildren(List.of(l, r)) : e;
  }

  /** {@code e} over these children, or {@code e} itself when they are its own. */
  private static Expression withChildren(Expression e, Expression l, Expression r) {
    return l == e.children().get(0) && r == e.children().get(1)
        ? e
        : e.withNewChildren(List.of(l, r));
  }

  private static boolean isDayCount(DataType t) {
    return t.kind() == Kind.INT || t.kind() == Kind.SHORT || t.kind() == Kind.BYTE;
  }

  private static Expression toLong(Expression e) {
    return e.dataType().isIntegral() || e.dataType().kind() == Kind.NULL
        ? TypeCoercion.cast(e, DataTypes.LongType)
        : e;
  }

  /**
   * Spark's decimal promotion of a binary operator's operands when one is a decimal and the other
   * not: an integral literal becomes the smallest decimal of its value, another integral operand
   * the decimal of its type, and a float or double makes the decimal a double. Null when nothing
   * applies.
   */
  static Expression[] decimalOperands(Expression l, Expression r) {
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    boolean ld = lt.kind() == Kind.DECIMAL;
    boolean rd = rt.kind() == Kind.DECIMAL;
    if (ld == rd) {
      return null;
    }
    Expression other = ld ? r : l;
    Expression decimal = ld ? l : r;
    DataType ot = other.dataType();
    Expression newOther;
    Expression newDecimal = decimal;
    if (ot.isIntegral()) {
      newOther =
          TypeCoercion.cast(
              other,
              other instanceof Literal lit && lit.value() != null
                  ? DecimalPrecision.forLiteral(lit)
                  : DecimalPrecision.forType(ot));
    } else if (ot.kind() == Kind.FLOAT || ot.kind() == Kind.DOUBLE) {
      newOther = other;
      newDecimal = TypeCoercion.cast(decimal, DataTypes.DoubleType);
    } else if (ot.kind() == Kind.NULL) {
      newOther = TypeCoercion.cast(other, decimal.dataType());
    } else {
      return null;
    }
    return ld ? new Expression[] {newDecimal, newOther} : new Expression[] {newOther, newDecimal};
  }
}
