package dev.weft.sql;

import dev.weft.api.Dataset;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generated tables of the differential tests, loaded into Weft and into DuckDB: a fact table
 * {@code t1} of every common type with NULLs, a skewed key (40% of rows share one value) and
 * duplicates, spread over partitions some of which are empty; a dimension {@code t2} with duplicate
 * and NULL keys; and an empty {@code t0} of t1's schema. Fixed seed.
 */
final class DifferentialTables {
  static final StructType T1 =
      StructType.of(
          DataTypes.createStructField("id", DataTypes.IntegerType, false),
          DataTypes.createStructField("k", DataTypes.IntegerType, true),
          DataTypes.createStructField("g", DataTypes.StringType, true),
          DataTypes.createStructField("b", DataTypes.LongType, true),
          DataTypes.createStructField("d", DataTypes.DoubleType, true),
          DataTypes.createStructField("dec", DataTypes.createDecimalType(10, 2), true),
          DataTypes.createStructField("dt", DataTypes.DateType, true),
          DataTypes.createStructField("flag", DataTypes.BooleanType, true));

  static final StructType T2 =
      StructType.of(
          DataTypes.createStructField("k", DataTypes.IntegerType, true),
          DataTypes.createStructField("name", DataTypes.StringType, true),
          DataTypes.createStructField("v", DataTypes.LongType, true),
          DataTypes.createStructField("dt", DataTypes.DateType, true));

  final List<Row> t1Rows = new ArrayList<>();
  final List<Row> t2Rows = new ArrayList<>();
  final DataFrame t1;
  final DataFrame t2;
  final DataFrame t2Distributed;
  final DataFrame t0;

  DifferentialTables(WeftSession session, long seed) {
    this(session, seed, null);
  }

  /**
   * The tables; with {@code parquetDir}, t1 and t2 are written there as Parquet files and read
   * back, so that queries scan files (t0 stays in memory: an empty write leaves no schema).
   */
  DifferentialTables(WeftSession session, long seed, String parquetDir) {
    Random r = new Random(seed);
    LocalDate base = LocalDate.of(2024, 1, 1);
    String[] groups = {"a", "b", "c", "dd", "e"};
    for (int i = 0; i < 240; i++) {
      Integer k =
          r.nextDouble() < 0.4
              ? Integer.valueOf(0)
              : r.nextDouble() < 0.25 ? null : Integer.valueOf(1 + r.nextInt(20));
      t1Rows.add(
          RowFactory.create(
              i,
              k,
              nullOr(r, 0.15, groups[r.nextInt(groups.length)]),
              nullOr(r, 0.1, (long) (r.nextInt(2001) - 1000)),
              nullOr(r, 0.1, (r.nextInt(20001) - 10000) / 100.0),
              nullOr(r, 0.1, BigDecimal.valueOf(r.nextInt(200001) - 100000, 2)),
              nullOr(r, 0.1, base.plusDays(r.nextInt(60))),
              nullOr(r, 0.2, r.nextBoolean())));
    }
    for (int i = 0; i < 30; i++) {
      t2Rows.add(
          RowFactory.create(
              nullOr(r, 0.1, i < 25 ? i % 22 : r.nextInt(30)),
              nullOr(r, 0.1, "n" + r.nextInt(8)),
              nullOr(r, 0.1, (long) (r.nextInt(2001) - 1000)),
              nullOr(r, 0.1, base.plusDays(r.nextInt(60)))));
    }
    Dataset<Row> spread =
        session
            .context()
            .parallelize(t1Rows, 8)
            .union(session.context().parallelize(List.<Row>of(), 3));
    DataFrame first = session.createDataFrame(spread, T1);
    DataFrame second = session.createDataFrame(t2Rows, T2);
    DataFrame secondDistributed =
        session.createDataFrame(session.context().parallelize(t2Rows, 3), T2);
    if (parquetDir != null) {
      first.write().parquet(parquetDir + "/t1");
      secondDistributed.write().parquet(parquetDir + "/t2");
      first = session.read().parquet(parquetDir + "/t1");
      second = session.read().parquet(parquetDir + "/t2");
      secondDistributed = second;
    }
    t1 = first;
    t2 = second;
    t2Distributed = secondDistributed;
    t0 = session.createDataFrame(List.of(), T1);
  }

  private static Object nullOr(Random r, double p, Object v) {
    return r.nextDouble() < p ? null : v;
  }

  void load(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE t1 (id INTEGER NOT NULL, k INTEGER, g VARCHAR, b BIGINT, d DOUBLE,"
              + " dec DECIMAL(10,2), dt DATE, flag BOOLEAN)");
      s.execute("CREATE TABLE t2 (k INTEGER, name VARCHAR, v BIGINT, dt DATE)");
      s.execute("CREATE TABLE t0 AS SELECT * FROM t1 WHERE false");
    }
    insert(db, "t1", t1Rows, 8);
    insert(db, "t2", t2Rows, 4);
  }

  private static void insert(Connection db, String table, List<Row> rows, int cols)
      throws SQLException {
    String marks = String.join(",", java.util.Collections.nCopies(cols, "?"));
    try (PreparedStatement p =
        db.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (Row row : rows) {
        for (int i = 0; i < cols; i++) {
          Object v = row.get(i);
          p.setObject(i + 1, v instanceof LocalDate d ? java.sql.Date.valueOf(d) : v);
        }
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
