package dev.weft.sql.types;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class DataTypeFromDdlTest {

  @Test
  public void readsSparksTypeNamesAndAliases() {
    assertEquals(DataTypes.IntegerType, DataType.fromDDL("int"));
    assertEquals(DataTypes.IntegerType, DataType.fromDDL(" INTEGER "));
    assertEquals(DataTypes.LongType, DataType.fromDDL("bigint"));
    assertEquals(DataTypes.LongType, DataType.fromDDL("long"));
    assertEquals(DataTypes.ByteType, DataType.fromDDL("tinyint"));
    assertEquals(DataTypes.ShortType, DataType.fromDDL("smallint"));
    assertEquals(DataTypes.FloatType, DataType.fromDDL("real"));
    assertEquals(DataTypes.StringType, DataType.fromDDL("varchar(10)"));
    assertEquals(DataTypes.DecimalType, DataType.fromDDL("decimal"));
    assertEquals(DataTypes.createDecimalType(12, 2), DataType.fromDDL("decimal(12, 2)"));
    assertEquals(DataTypes.createDecimalType(5, 0), DataType.fromDDL("numeric(5)"));
  }

  @Test
  public void readsNestedTypes() {
    assertEquals(
        DataTypes.createArrayType(DataTypes.StringType), DataType.fromDDL("array<string>"));
    assertEquals(
        DataTypes.createMapType(
            DataTypes.StringType, DataTypes.createArrayType(DataTypes.IntegerType)),
        DataType.fromDDL("map<string, array<int>>"));
    StructType s = (StructType) DataType.fromDDL("struct<a:int, `b c`: decimal(3,1)>");
    assertEquals("struct<a:int,b c:decimal(3,1)>", s.simpleString());
    // every simple string reads back as itself
    for (String t :
        new String[] {"array<map<string,bigint>>", "struct<x:date,y:timestamp>", "binary"}) {
      assertEquals(t, DataType.fromDDL(t).simpleString());
    }
  }

  @Test
  public void badTypeNamesFailWithTheTextAndPosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DataType.fromDDL("array<strng>"));
    assertEquals(
        "Cannot parse the type 'array<strng>' at position 11: unknown type 'strng'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DataType.fromDDL("decimal(40,2)"));
    assertThrows(IllegalArgumentException.class, () -> DataType.fromDDL("int extra"));
    assertThrows(IllegalArgumentException.class, () -> DataType.fromDDL("map<string>"));
  }
}
