package dev.weft.sql.exec;

import dev.weft.api.function.SerializableComparator;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.SortOrder;
import java.util.ArrayList;
import java.util.List;

/** Compares rows of sort-key values (key i at ordinal i) in the directions of a sort. */
final class RowOrdering implements SerializableComparator<InternalRow> {
  private static final long serialVersionUID = 1L;

  private final SortOrder[] orders;

  private RowOrdering(SortOrder[] orders) {
    this.orders = orders;
  }

  /** The ordering of key rows of {@code orders}, and the key expressions bound to {@code input}. */
  static RowOrdering of(List<SortOrder> orders) {
    SortOrder[] bound = new SortOrder[orders.size()];
    for (int i = 0; i < bound.length; i++) {
      SortOrder o = orders.get(i);
      bound[i] =
          new SortOrder(
              new BoundReference(i, o.child().dataType(), o.child().nullable()),
              o.ascending(),
              o.nullsFirst());
    }
    return new RowOrdering(bound);
  }

  static Expression[] keys(List<SortOrder> orders, List<AttributeReference> input) {
    List<Expression> keys = new ArrayList<>();
    for (SortOrder o : orders) {
      keys.add(o.child());
    }
    return Binder.bind(keys, input).toArray(new Expression[0]);
  }

  @Override
  public int compare(InternalRow a, InternalRow b) {
    for (int i = 0; i < orders.length; i++) {
      int c = orders[i].compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
