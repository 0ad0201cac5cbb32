package dev.weft.sql.vector;

import dev.weft.sql.expr.InternalRow;
import java.io.ObjectStreamException;

/**
 * A row of a {@link ColumnBatch} seen as an {@link InternalRow}: values are read from the vectors
 * (and boxed) only when asked for. Row operators consume it unchanged; updating it, or asking for
 * its values array, materializes it first. Serialized as a plain row.
 */
final class BatchRow extends InternalRow {
  private static final long serialVersionUID = 1L;

  private final transient ColumnBatch batch;
  private final transient int row;
  private transient Object[] materialized;

  BatchRow(ColumnBatch batch, int row) {
    this.batch = batch;
    this.row = row;
  }

  @Override
  public int size() {
    return batch.numColumns();
  }

  @Override
  public Object get(int i) {
    return materialized != null ? materialized[i] : batch.column(i).get(row);
  }

  @Override
  public boolean isNullAt(int i) {
    return materialized != null ? materialized[i] == null : batch.column(i).isNullAt(row);
  }

  @Override
  public void update(int i, Object value) {
    values()[i] = value;
  }

  @Override
  public Object[] values() {
    if (materialized == null) {
      Object[] v = new Object[batch.numColumns()];
      for (int i = 0; i < v.length; i++) {
        v[i] = batch.column(i).get(row);
      }
      materialized = v;
    }
    return materialized;
  }

  @Override
  public InternalRow copy() {
    return new InternalRow(values().clone());
  }

  private Object writeReplace() throws ObjectStreamException {
    return copy();
  }
}
