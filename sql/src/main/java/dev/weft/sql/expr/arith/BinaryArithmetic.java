package dev.weft.sql.expr.arith;

import dev.weft.sql.expr.BinaryExpression;
import dev.weft.sql.expr.Casts;
import dev.weft.sql.expr.NullIntolerant;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataType.Kind;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;

/**
 * {@code left op right} on two numbers of one type (decimals of any precision), as Spark's non-ANSI
 * arithmetic: integral results wrap around on overflow in the operands' type; decimal results are
 * exact, rounded half-up to the result type of {@link DecimalPrecision}, and NULL when they do not
 * fit it.
 */
public interface BinaryArithmetic extends BinaryExpression, NullIntolerant {

  /** The operator as SQL writes it. */
  String symbol();

  /** The decimal result type for decimal operands. */
  DecimalType decimalType(DecimalType left, DecimalType right);

  /** The operation on whole numbers (the result is narrowed to the type, which wraps). */
  Long longOp(long a, long b);

  /** The operation on doubles (and floats, rounded back to float). */
  Double doubleOp(double a, double b);

  /** The exact operation on decimals; null for an undefined result (a zero divisor). */
  BigDecimal decimalOp(BigDecimal a, BigDecimal b);

  @Override
  default DataType dataType() {
    DataType l = left().dataType();
    DataType r = right().dataType();
    if (l instanceof DecimalType a && r instanceof DecimalType b) {
      return decimalType(a, b);
    }
    return l.kind() == Kind.NULL ? r : l;
  }

  @Override
  default String checkInputTypes() {
    DataType l = left().dataType();
    DataType r = right().dataType();
    for (DataType t : new DataType[] {l, r}) {
      if (!t.isNumeric() && t.kind() != Kind.NULL) {
        return sql() + " requires numeric operands, not " + t.simpleString();
      }
    }
    boolean bothDecimal = l.kind() == Kind.DECIMAL && r.kind() == Kind.DECIMAL;
    if (!bothDecimal && !l.equals(r) && l.kind() != Kind.NULL && r.kind() != Kind.NULL) {
      return "differing types in " + sql() + ": " + l.simpleString() + " and " + r.simpleString();
    }
    return null;
  }

  @Override
  default Object nullSafeEval(Object[] inputs) {
    return Arithmetic.apply(this, dataType(), inputs[0], inputs[1]);
  }

  @Override
  default String sql() {
    return "(" + left().sql() + " " + symbol() + " " + right().sql() + ")";
  }

  /** The evaluation shared by the operators. */
  final class Arithmetic {
    private Arithmetic() {}

    static Object apply(BinaryArithmetic op, DataType type, Object a, Object b) {
      switch (type.kind()) {
        case BYTE -> {
          Long r = op.longOp((Byte) a, (Byte) b);
          return r == null ? null : (Object) (byte) (long) r;
        }
        case SHORT -> {
          Long r = op.longOp((Short) a, (Short) b);
          return r == null ? null : (Object) (short) (long) r;
        }
        case INT -> {
          Long r = op.longOp((Integer) a, (Integer) b);
          return r == null ? null : (Object) (int) (long) r;
        }
        case LONG -> {
          return op.longOp((Long) a, (Long) b);
        }
        case FLOAT -> {
          Double r = op.doubleOp((Float) a, (Float) b);
          return r == null ? null : (Object) (float) (double) r;
        }
        case DOUBLE -> {
          return op.doubleOp((Double) a, (Double) b);
        }
        case DECIMAL -> {
          BigDecimal r = op.decimalOp((BigDecimal) a, (BigDecimal) b);
          return r == null ? null : Casts.toDecimal(r, (DecimalType) type);
        }
        default -> throw new IllegalStateException(op.sql() + " on " + type.simpleString());
      }
    }
  }
}
