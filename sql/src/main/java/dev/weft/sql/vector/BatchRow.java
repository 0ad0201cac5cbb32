package dev.weft.sql.vector;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.weft.sql.expr.InternalRow;
import java.io.ObjectStreamException;

/**
 * A row of a {@link ColumnBatch} seen as an {@link InternalRow}: values are read from the vectors
 * (and boxed) only when asked for. Row operators consume it unchanged; updating it, or asking for
 * its values array, materializes it first. Serialized (by Java serialization or Kryo) as a plain
 * row: the batch does not travel.
 */
@DefaultSerializer(BatchRow.AsPlainRow.class)
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

  /** Writes a row view as its values and reads it back as a plain {@link InternalRow}. */
  public static final class AsPlainRow extends Serializer<InternalRow> {
    public AsPlainRow() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, InternalRow row) {
      Object[] v = row.values();
      output.writeVarInt(v.length, true);
      for (Object o : v) {
        kryo.writeClassAndObject(output, o);
      }
    }

    @Override
    public InternalRow read(Kryo kryo, Input input, Class<? extends InternalRow> type) {
      Object[] v = new Object[input.readVarInt(true)];
      for (int i = 0; i < v.length; i++) {
        v[i] = kryo.readClassAndObject(input);
      }
      return new InternalRow(v);
    }
  }
}
