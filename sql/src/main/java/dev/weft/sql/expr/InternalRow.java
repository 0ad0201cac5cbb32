package dev.weft.sql.expr;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A row inside the engine: an array of values in their internal representation, which differs from
 * the user-facing {@link dev.weft.sql.Row} for a few types:
 *
 * <table>
 *   <caption>Internal values by type</caption>
 *   <tr><th>type</th><th>internal value</th></tr>
 *   <tr><td>boolean, tinyint .. bigint, float, double</td><td>the boxed primitive</td></tr>
 *   <tr><td>decimal(p,s)</td><td>{@link java.math.BigDecimal} of scale exactly s</td></tr>
 *   <tr><td>string</td><td>{@link String}</td></tr>
 *   <tr><td>binary</td><td>{@code byte[]}</td></tr>
 *   <tr><td>date</td><td>{@link Integer}: days since 1970-01-01</td></tr>
 *   <tr><td>timestamp</td><td>{@link Long}: microseconds since 1970-01-01T00:00Z</td></tr>
 *   <tr><td>array</td><td>{@link java.util.List} (an {@code ArrayList}, never changed once built)</td></tr>
 *   <tr><td>map</td><td>{@link java.util.Map} (a {@code LinkedHashMap}, never changed once built)</td></tr>
 *   <tr><td>struct</td><td>{@code InternalRow}</td></tr>
 * </table>
 *
 * <p>Null is SQL NULL. Rows are mutable only through {@link #update}, which operators use on rows
 * they own (aggregation buffers, reused output rows); a row handed downstream is not changed.
 *
 * <p>The only subclass is the engine's view of a row of a column batch ({@code
 * dev.weft.sql.vector}), which reads values from the batch's vectors when asked.
 */
public class InternalRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Object[] values;

  public InternalRow(Object... values) {
    this.values = values;
  }

  /** For views that hold their values elsewhere and override every accessor. */
  protected InternalRow() {
    this.values = null;
  }

  /** A row of {@code size} nulls. */
  public static InternalRow ofSize(int size) {
    return new InternalRow(new Object[size]);
  }

  public int size() {
    return values.length;
  }

  public Object get(int i) {
    return values[i];
  }

  public boolean isNullAt(int i) {
    return values[i] == null;
  }

  public void update(int i, Object value) {
    values[i] = value;
  }

  /** The backing array (not a copy): for operators that build rows. */
  public Object[] values() {
    return values;
  }

  public InternalRow copy() {
    return new InternalRow(values.clone());
  }

  /** The values of {@code left} followed by those of {@code right}, as a join emits them. */
  public static InternalRow concat(InternalRow left, InternalRow right) {
    Object[] l = left.values();
    Object[] r = right.values();
    Object[] v = Arrays.copyOf(l, l.length + r.length);
    System.arraycopy(r, 0, v, l.length, r.length);
    return new InternalRow(v);
  }

  @Override
  public final boolean equals(Object o) {
    if (!(o instanceof InternalRow r) || r.size() != size()) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      if (!Objects.deepEquals(get(i), r.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public final int hashCode() {
    return Arrays.deepHashCode(values());
  }

  @Override
  public final String toString() {
    return Arrays.deepToString(values());
  }
}
