package dev.weft.sql.expr.complex;

import static dev.weft.sql.expr.Exprs.eval;
import static dev.weft.sql.expr.Exprs.lit;
import static dev.weft.sql.expr.Exprs.nul;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.weft.sql.analysis.TypeCoercion;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ExtractValueTest {
  private static final DataType POINT =
      DataTypes.createStructType(
          DataTypes.createStructField("x", DataTypes.IntegerType, true),
          DataTypes.createStructField("Label", DataTypes.StringType, true));

  @Test
  public void structFieldsByNameIgnoringCase() {
    Expression s = new Literal(new InternalRow(1, "a"), POINT);
    Expression label = UnresolvedExtractValue.resolve(s, lit("label"));
    assertEquals("a", eval(label));
    assertEquals(DataTypes.StringType, label.dataType());
    assertNull(eval(UnresolvedExtractValue.resolve(nul(POINT), lit("x"))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> UnresolvedExtractValue.resolve(s, lit("y")));
    assertEquals(
        "No field 'y' in " + s.sql() + " of type struct<x:int,Label:string>", e.getMessage());
  }

  @Test
  public void arrayItemsAreZeroBasedAndNullOutOfRange() {
    Expression a =
        new Literal(Arrays.asList(10, 20), DataTypes.createArrayType(DataTypes.IntegerType));
    assertEquals(10, eval(UnresolvedExtractValue.resolve(a, lit(0))));
    assertNull(eval(UnresolvedExtractValue.resolve(a, lit(2))));
    assertNull(eval(UnresolvedExtractValue.resolve(a, lit(-1))));
    assertEquals(20, eval(new GetArrayItem(a, lit(1L))));
  }

  @Test
  public void mapValuesByKeyWithTheKeyCastToTheKeyType() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(1, "one");
    Expression map =
        new Literal(m, DataTypes.createMapType(DataTypes.IntegerType, DataTypes.StringType));
    assertEquals("one", eval(UnresolvedExtractValue.resolve(map, lit(1))));
    assertNull(eval(UnresolvedExtractValue.resolve(map, lit(2))));
    Expression byString = TypeCoercion.coerce(new GetMapValue(map, lit("1")));
    assertEquals("one", eval(byString));
  }

  @Test
  public void nestedFieldsResolveOneAfterAnother() {
    DataType outer = DataTypes.createStructType(DataTypes.createStructField("p", POINT, true));
    Expression e = new Literal(new InternalRow(new InternalRow(7, "b")), outer);
    assertEquals(7, eval(UnresolvedExtractValue.resolveFields(e, List.of("p", "x"))));
    assertThrows(
        IllegalArgumentException.class, () -> UnresolvedExtractValue.resolve(lit(1), lit("x")));
  }
}
