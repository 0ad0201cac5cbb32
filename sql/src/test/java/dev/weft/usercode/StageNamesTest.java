package dev.weft.usercode;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static dev.weft.sql.functions.sum;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.core.driver.Internals;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.RowFactory;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of the names of a DataFrame query's stages, as the console, the UI and the event
 * log show them: the physical operators each stage runs, up to its exchange, and the user's line of
 * the action.
 */
public class StageNamesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();
  private final List<String> stageNames = Collections.synchronizedList(new ArrayList<>());
  private final SchedulerListener listener =
      new SchedulerListener() {
        @Override
        public void onStageSubmitted(StageInfo stage) {
          stageNames.add(stage.name());
        }
      };

  @Before
  public void listen() {
    Internals.of(session.context()).addSchedulerListener(listener);
  }

  @After
  public void stopListening() {
    Internals.of(session.context()).listenerBus().removeListener(listener);
  }

  private String sales() {
    StructType schema =
        StructType.of(
            DataTypes.createStructField("id", DataTypes.IntegerType, true),
            DataTypes.createStructField("country", DataTypes.StringType, true),
            DataTypes.createStructField("amount", DataTypes.LongType, true));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create(i, i % 2 == 0 ? "DE" : "FR", (long) i));
    }
    String path = tmp.getRoot() + "/sales";
    session.createDataFrame(rows, schema).write().parquet(path);
    return path;
  }

  private List<String> namesSeen() throws InterruptedException {
    assertTrue(
        Internals.of(session.context()).listenerBus().waitUntilEmpty(Duration.ofSeconds(30)));
    return new ArrayList<>(stageNames);
  }

  @Test
  public void anAggregationsStagesAreNamedByTheirOperatorsAndTheActionsLine() throws Exception {
    DataFrame totals =
        session
            .read()
            .parquet(sales())
            .where(col("amount").gt(3))
            .groupBy("country")
            .agg(sum("amount").as("total"));
    stageNames.clear();
    int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
    List<Row> rows = totals.collect();

    assertEquals(2, rows.size());
    String at = " at StageNamesTest.java:" + line;
    assertEquals(
        List.of(
            "Scan parquet -> Filter -> HashAggregate(partial)" + at, "HashAggregate(final)" + at),
        namesSeen());
  }

  @Test
  public void aBroadcastJoinIsNamedInTheStageOfItsStreamedSide() throws Exception {
    DataFrame facts = session.read().parquet(sales());
    DataFrame countries =
        session.createDataFrame(
            List.of(RowFactory.create("DE", "Germany"), RowFactory.create("FR", "France")),
            StructType.of(
                DataTypes.createStructField("country", DataTypes.StringType, true),
                DataTypes.createStructField("name", DataTypes.StringType, true)));
    DataFrame counted = facts.join(countries, "country").groupBy("name").agg(count("*").as("n"));
    stageNames.clear();
    int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
    List<Row> rows = counted.collect();

    assertEquals(2, rows.size());
    List<String> names = namesSeen();
    String at = " at StageNamesTest.java:" + line;
    assertTrue(
        names.toString(),
        names.contains("Scan parquet -> BroadcastHashJoin -> HashAggregate(partial)" + at));
    assertTrue(names.toString(), names.contains("HashAggregate(final)" + at));
  }
}
