package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static org.junit.Assert.assertEquals;

import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.List;
import org.junit.Test;

public class DataFrameTest {
  private final WeftSession session = TestSessions.shared();

  private DataFrame people() {
    StructType schema =
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, false),
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("dept", DataTypes.StringType, true));
    return session.createDataFrame(
        List.of(
            RowFactory.create(1, "ann", "eng"),
            RowFactory.create(2, "bob", "eng"),
            RowFactory.create(3, "cy", "ops"),
            RowFactory.create(4, null, null)),
        schema);
  }

  @Test
  public void filterProjectAndSortRunEndToEnd() {
    List<Row> rows =
        people()
            .where(col("id").gt(1))
            .select(col("name"), col("id"))
            .orderBy(col("id").desc())
            .collect();
    assertEquals("[[null,4], [cy,3], [bob,2]]", rows.toString());
  }

  @Test
  public void limitAfterASortedProjectionKeepsTheOrder() {
    DataFrame top = people().orderBy(col("id").desc()).select("name").limit(2);
    assertEquals("[[null], [cy]]", top.collect().toString());
    assertEquals(
        true, top.explainString("simple").contains("+- TakeOrdered (limit=2, orderBy=[id#"));
  }

  @Test
  public void sortByAColumnTheProjectionDropped() {
    DataFrame names = people().select("name").orderBy(col("id").desc());
    assertEquals(List.of("name"), List.of(names.columns()));
    assertEquals("[[null], [cy], [bob], [ann]]", names.collect().toString());
  }

  @Test
  public void groupByCountsEachGroup() {
    List<Row> rows = people().groupBy("dept").count().orderBy("dept").collect();
    assertEquals("[[null,1], [eng,2], [ops,1]]", rows.toString());
  }

  @Test
  public void countOfAllRows() {
    assertEquals(4, people().count());
    assertEquals(0, people().where(col("id").gt(10)).count());
  }

  @Test
  public void joinOnUsingColumn() {
    DataFrame depts =
        session.createDataFrame(
            List.of(
                RowFactory.create("eng", "Engineering"), RowFactory.create("ops", "Operations")),
            StructType.of(
                DataTypes.createStructField("dept", DataTypes.StringType, true),
                DataTypes.createStructField("title", DataTypes.StringType, true)));
    List<Row> rows = people().join(depts, List.of("dept"), "left").orderBy("id").collect();
    assertEquals(
        "[[eng,1,ann,Engineering], [eng,2,bob,Engineering], [ops,3,cy,Operations], [null,4,null,null]]",
        rows.toString());
  }

  @Test
  public void showPrintsSparksTable() {
    String table = people().select("id", "name").showString(2, 20);
    assertEquals(
        "+---+----+\n"
            + "| id|name|\n"
            + "+---+----+\n"
            + "|  1| ann|\n"
            + "|  2| bob|\n"
            + "+---+----+\n"
            + "only showing top 2 rows\n",
        table);
  }

  @Test
  public void distinctUnionLimit() {
    DataFrame ids = people().select("dept");
    assertEquals(3, ids.union(ids).distinct().count());
    assertEquals(2, people().limit(2).collect().size());
    assertEquals(4L, people().agg(count("*")).first().getLong(0));
  }
}
