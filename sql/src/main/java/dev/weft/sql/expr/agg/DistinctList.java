package dev.weft.sql.expr.agg;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * An aggregation buffer slot of distinct values: a list (so it is an internal array value, written
 * and shuffled as one) that ignores an {@link #add} of a value SQL-equal to one it holds. Its hash
 * index is rebuilt after deserialization.
 */
final class DistinctList extends AbstractList<Object> implements RandomAccess, Serializable {
  private static final long serialVersionUID = 1L;

  private final ArrayList<Object> values = new ArrayList<>();
  private transient Set<Object> keys;

  DistinctList() {}

  /** The slot as a distinct list this aggregate may change: itself, or a copy of another list. */
  static DistinctList of(Object slot) {
    if (slot instanceof DistinctList d) {
      return d;
    }
    DistinctList d = new DistinctList();
    if (slot != null) {
      for (Object v : (List<?>) slot) {
        d.add(v);
      }
    }
    return d;
  }

  @Override
  public boolean add(Object v) {
    if (keys == null) {
      keys = new HashSet<>();
      for (Object x : values) {
        keys.add(ValueKeys.key(x));
      }
    }
    if (keys.add(ValueKeys.key(v))) {
      values.add(v);
      return true;
    }
    return false;
  }

  @Override
  public Object get(int i) {
    return values.get(i);
  }

  @Override
  public int size() {
    return values.size();
  }
}
