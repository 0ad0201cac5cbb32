package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.List;
import org.junit.Test;

/** Analysis errors: raised by the call that builds the DataFrame, one line, naming the problem. */
public class AnalyzerErrorsTest {
  private final WeftSession session = TestSessions.shared();

  private DataFrame people() {
    return session.createDataFrame(
        List.of(RowFactory.create(1, "ann", 30)),
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("age", DataTypes.IntegerType, true)));
  }

  private DataFrame orders() {
    return session.createDataFrame(
        List.of(RowFactory.create(7, 1)),
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("person", DataTypes.IntegerType, true)));
  }

  @Test
  public void unknownColumnIsNamedWithASuggestion() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> people().select("nmae"));
    assertEquals(
        "Column 'nmae' does not exist; did you mean 'name'? Available columns: id, name, age",
        e.getMessage());
  }

  @Test
  public void unknownColumnWithoutCloseCandidateListsTheColumns() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> people().where(col("salary").gt(1)));
    assertEquals("Column 'salary' does not exist Available columns: id, name, age", e.getMessage());
  }

  @Test
  public void typeMismatchNamesTheExpressionAndBothTypes() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> people().where(col("age").gt(true)));
    assertEquals("cannot compare int with boolean in (age > true) (in filter)", e.getMessage());
  }

  @Test
  public void nonBooleanFilterIsRefused() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> people().where(col("age")));
    assertEquals("The filter condition age must be boolean, not int", e.getMessage());
  }

  @Test
  public void ambiguousColumnAfterAJoinSaysWhichSidesHaveIt() {
    DataFrame joined = people().join(orders(), people().col("id").equalTo(orders().col("person")));
    AnalysisException e = assertThrows(AnalysisException.class, () -> joined.select("id"));
    assertEquals(1, e.getMessage().lines().count());
    String m = e.getMessage().replaceAll("#\\d+", "#N");
    assertEquals(
        "Column 'id' is ambiguous: both sides of the join have it (left: id#N; right: id#N);"
            + " name it through its DataFrame (df.col(\"id\")), alias the DataFrames, or join on"
            + " column names",
        m);
  }

  @Test
  public void qualifiedColumnsResolveAfterAlias() {
    DataFrame p = people().alias("p");
    DataFrame o = orders().alias("o");
    DataFrame joined = p.join(o, col("p.id").equalTo(col("o.person"))).select("o.id", "p.name");
    assertEquals(List.of("id", "name"), List.of(joined.columns()));
  }

  @Test
  public void selfJoinGivesTheRightSideFreshColumns() {
    DataFrame df = people();
    DataFrame joined = df.join(df, List.of("id"));
    assertEquals(List.of("id", "name", "age", "name", "age"), List.of(joined.columns()));
    assertNotEquals(joined.plan().output().get(1).exprId(), joined.plan().output().get(3).exprId());
  }

  @Test
  public void columnsOutsideAggregatesMustBeGrouped() {
    AnalysisException e =
        assertThrows(
            AnalysisException.class, () -> people().groupBy("age").agg(col("name"), count("*")));
    assertEquals(
        "Column 'name' in name is neither grouped nor inside an aggregate function; add it to"
            + " groupBy or aggregate it",
        e.getMessage());
  }

  @Test
  public void aggregatesAreRefusedInFilters() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> people().where(count("*").gt(1L)));
    assertEquals(
        "Aggregate function count(1) is not allowed in filter; use groupBy(...).agg(...) or"
            + " agg(...)",
        e.getMessage());
  }

  @Test
  public void unionOfDifferentWidthsIsRefused() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> people().union(orders()));
    assertEquals(
        "Union needs the same number of columns: the first input has 3, input 2 has 2",
        e.getMessage());
  }

  @Test
  public void comparisonsOfDifferentNumericTypesAreWidened() {
    DataFrame df = people().where(col("age").gt(29L));
    assertEquals(1, df.count());
  }
}
