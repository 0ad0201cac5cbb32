package dev.weft.sql.exec;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates key expressions over an input row and encodes them as a {@link BinaryRow}, with
 * floating-point values normalized (-0.0 as 0.0, one NaN) so that SQL-equal keys have equal bytes.
 */
final class KeyEncoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Expression[] exprs;
  private final RowCodec codec;
  private final boolean[] floating;

  KeyEncoder(List<? extends Expression> keys, List<AttributeReference> input) {
    this.exprs = Binder.bind(keys, input).toArray(new Expression[0]);
    List<DataType> types = new ArrayList<>();
    this.floating = new boolean[exprs.length];
    for (int i = 0; i < exprs.length; i++) {
      DataType t = exprs[i].dataType();
      types.add(t);
      floating[i] = t.kind() == DataType.Kind.FLOAT || t.kind() == DataType.Kind.DOUBLE;
    }
    this.codec = new RowCodec(types);
  }

  /** The key values of {@code row}, normalized. */
  InternalRow values(InternalRow row) {
    Object[] v = new Object[exprs.length];
    for (int i = 0; i < v.length; i++) {
      Object x = exprs[i].eval(row);
      if (floating[i] && x != null) {
        x = normalize(x);
      }
      v[i] = x;
    }
    return new InternalRow(v);
  }

  BinaryRow encode(InternalRow row) {
    return new BinaryRow(codec.encode(values(row)));
  }

  InternalRow decode(BinaryRow key) {
    return codec.decode(key.bytes());
  }

  /** Whether any key value of {@code row} is NULL (such a row joins nothing). */
  static boolean anyNull(InternalRow keyValues) {
    for (Object v : keyValues.values()) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }

  private static Object normalize(Object x) {
    if (x instanceof Double d) {
      return d.isNaN() ? Double.NaN : d == 0.0d ? 0.0d : d;
    }
    Float f = (Float) x;
    return f.isNaN() ? Float.NaN : f == 0.0f ? 0.0f : f;
  }
}
