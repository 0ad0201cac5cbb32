package dev.weft.sql.vector;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class ColumnBatchTest {

  private static ColumnBatch sample() {
    HeapColumnVector ids = new HeapColumnVector(DataTypes.IntegerType, 3);
    HeapColumnVector names = new HeapColumnVector(DataTypes.StringType, 3);
    HeapColumnVector big = new HeapColumnVector(DataTypes.createDecimalType(30, 2), 3);
    for (int i = 0; i < 3; i++) {
      ids.putInt(i, 10 + i);
      big.putDecimal(i, BigDecimal.valueOf(i));
    }
    names.putString(0, "a");
    names.putNull(1);
    names.putString(2, "\u00e9t\u00e9");
    ColumnVector country = new ConstantColumnVector(DataTypes.StringType, "DE");
    return new ColumnBatch(
        new ColumnVector[] {
          ids, names, big, country, ConstantColumnVector.nulls(DataTypes.LongType)
        },
        3);
  }

  @Test
  public void rowViewsReadTheVectorsAndEqualPlainRows() {
    ColumnBatch b = sample();
    InternalRow r = b.row(2);
    assertEquals(5, r.size());
    assertEquals(12, r.get(0));
    assertEquals("\u00e9t\u00e9", r.get(1));
    assertEquals(new BigDecimal("2.00"), r.get(2));
    assertEquals("DE", r.get(3));
    assertTrue(r.isNullAt(4));
    assertTrue(b.row(1).isNullAt(1));
    InternalRow plain = new InternalRow(12, "\u00e9t\u00e9", new BigDecimal("2.00"), "DE", null);
    assertEquals(plain, r);
    assertEquals(r, plain);
    assertEquals(plain.hashCode(), r.hashCode());
    assertEquals(InternalRow.class, r.copy().getClass());
  }

  @Test
  public void updatingAViewChangesOnlyTheView() {
    ColumnBatch b = sample();
    InternalRow r = b.row(0);
    r.update(0, 99);
    assertEquals(99, r.get(0));
    assertEquals(10, b.row(0).get(0));
  }

  @Test
  public void theSelectionVectorChoosesTheRowsIterated() {
    ColumnBatch b = sample();
    b.select(new int[] {0, 2, 1}, 2);
    List<Object> ids = new ArrayList<>();
    ColumnBatch.rows(List.of(b, sample()).iterator()).forEachRemaining(r -> ids.add(r.get(0)));
    assertEquals(List.of(10, 12, 10, 11, 12), ids);
  }

  @Test
  public void dictionaryVectorsDecodeIds() {
    HeapColumnVector dict = new HeapColumnVector(DataTypes.StringType, 2);
    dict.putString(0, "x");
    dict.putString(1, "yy");
    HeapColumnVector v = new HeapColumnVector(DataTypes.StringType, 3);
    v.useDictionary(dict);
    v.putDictionaryId(0, 1);
    v.putDictionaryId(1, 0);
    v.putNull(2);
    assertTrue(v.hasDictionary());
    assertEquals("yy", v.get(0));
    assertEquals("x", v.get(1));
    assertNull(v.get(2));
    assertTrue(v.bytesEqual(0, "yy".getBytes()));
    assertFalse(v.bytesEqual(1, "yy".getBytes()));
  }

  @Test
  public void viewsTravelAsPlainRowsThroughJavaSerializationAndKryo() throws Exception {
    InternalRow view = sample().row(0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(view);
    }
    Object back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }
    assertSame(InternalRow.class, back.getClass());
    assertEquals(view, back);

    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    Output out = new Output(1024, -1);
    kryo.writeClassAndObject(out, view);
    Object viaKryo = kryo.readClassAndObject(new Input(out.toBytes()));
    assertSame(InternalRow.class, viaKryo.getClass());
    assertEquals(view, viaKryo);
  }

  @Test
  public void binaryValuesAreCopiesOfTheBytes() {
    HeapColumnVector v = new HeapColumnVector(DataTypes.BinaryType, 2);
    v.putBytes(0, new byte[] {9, 1, 2, 9}, 1, 2);
    v.putBytes(1, new byte[0], 0, 0);
    assertArrayEquals(new byte[] {1, 2}, (byte[]) v.get(0));
    assertArrayEquals(new byte[0], (byte[]) v.get(1));
  }
}
