package dev.weft.sql.exec;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Lazy iterators that operators chain inside a task. */
final class RowIterators {
  private RowIterators() {}

  static <T, R> Iterator<R> map(Iterator<T> in, Function<T, R> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public R next() {
        return f.apply(in.next());
      }
    };
  }

  /** The rows for which {@code condition} (bound) is TRUE. */
  static Iterator<InternalRow> filter(Iterator<InternalRow> in, Expression condition) {
    return new Iterator<>() {
      private InternalRow next;

      @Override
      public boolean hasNext() {
        while (next == null && in.hasNext()) {
          InternalRow r = in.next();
          if (Boolean.TRUE.equals(condition.eval(r))) {
            next = r;
          }
        }
        return next != null;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        InternalRow r = next;
        next = null;
        return r;
      }
    };
  }

  /** At most {@code n} elements. */
  static <T> Iterator<T> limit(Iterator<T> in, int n) {
    return new Iterator<>() {
      private int taken;

      @Override
      public boolean hasNext() {
        return taken < n && in.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        taken++;
        return in.next();
      }
    };
  }

  /** The values of bound expressions for one input row, as a new row. */
  static InternalRow project(Expression[] exprs, InternalRow in) {
    Object[] values = new Object[exprs.length];
    for (int i = 0; i < exprs.length; i++) {
      values[i] = exprs[i].eval(in);
    }
    return new InternalRow(values);
  }
}
