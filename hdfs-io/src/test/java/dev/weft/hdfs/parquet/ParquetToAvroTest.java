package dev.weft.hdfs.parquet;

import static org.junit.Assert.assertEquals;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.Test;

/** The Avro schemas Weft gives Parquet files that carry none. */
public class ParquetToAvroTest {
  @Test
  public void integerBackedDecimalsTakeTheFewestBytesSparkUsesForTheirPrecision() {
    int[][] precisionAndBytes = {
      {1, 1}, {2, 1}, {3, 2}, {9, 4}, {12, 6}, {18, 8}, {20, 9}, {38, 16}
    };
    for (int[] expected : precisionAndBytes) {
      assertEquals(
          "precision " + expected[0], expected[1], ParquetToAvro.decimalBytes(expected[0]));
    }
  }

  @Test
  public void namedTypesGetDistinctValidNames() {
    Schema schema =
        ParquetToAvro.convert(
            MessageTypeParser.parseMessageType(
                "message spark_schema {\n"
                    + "  required int64 a_b (DECIMAL(12,2));\n"
                    + "  required group a { required int64 b (DECIMAL(12,2)); }\n"
                    + "}"));

    Schema top = schema.getField("a_b").schema();
    Schema nested = schema.getField("a").schema().getField("b").schema();
    assertEquals(LogicalTypes.decimal(12, 2), top.getLogicalType());
    assertEquals(6, top.getFixedSize());
    assertEquals("spark_schema_a_b", top.getFullName());
    assertEquals("spark_schema_a_b_2", nested.getFullName());
    // The schema survives Avro's own parser, as it must to be shipped and stored in footers.
    assertEquals(schema, new Schema.Parser().parse(schema.toString()));
  }
}
