package dev.weft.sql;

import static dev.weft.sql.functions.avg;
import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static dev.weft.sql.functions.lit;
import static dev.weft.sql.functions.max;
import static dev.weft.sql.functions.min;
import static dev.weft.sql.functions.not;
import static dev.weft.sql.functions.sum;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The query shapes of the differential tests: each a DataFrame program and the DuckDB SQL with the
 * same meaning under Spark's semantics (explicit NULLS FIRST/LAST, total orders where rows are
 * compared in order).
 */
final class QueryShapes {
  /** One query: the DataFrame over the tables, the SQL, and whether row order is compared. */
  record Shape(
      String name, Function<DifferentialTables, DataFrame> df, String sql, boolean ordered) {
    @Override
    public String toString() {
      return name;
    }
  }

  private record Pred(String name, Column col, String sql) {}

  private QueryShapes() {}

  private static List<Pred> predicates() {
    LocalDate jan20 = LocalDate.of(2024, 1, 20);
    LocalDate feb10 = LocalDate.of(2024, 2, 10);
    return List.of(
        new Pred("k=0", col("k").equalTo(0), "k = 0"),
        new Pred("k>5", col("k").gt(5), "k > 5"),
        new Pred("k<=3", col("k").leq(3), "k <= 3"),
        new Pred("k!=0", col("k").notEqual(0), "k <> 0"),
        new Pred("k is null", col("k").isNull(), "k IS NULL"),
        new Pred("k is not null", col("k").isNotNull(), "k IS NOT NULL"),
        new Pred("g='b'", col("g").equalTo("b"), "g = 'b'"),
        new Pred("g>'b'", col("g").gt("b"), "g > 'b'"),
        new Pred("g is null", col("g").isNull(), "g IS NULL"),
        new Pred("b<0", col("b").lt(0), "b < 0"),
        new Pred("b>=500", col("b").geq(500), "b >= 500"),
        new Pred("d>10.5", col("d").gt(10.5), "d > 10.5"),
        new Pred("d<=-20", col("d").leq(-20.0), "d <= -20.0"),
        new Pred("dec>100", col("dec").gt(new BigDecimal("100.00")), "dec > 100.00"),
        new Pred("dec<0", col("dec").lt(BigDecimal.ZERO), "dec < 0"),
        new Pred("dt<jan20", col("dt").lt(jan20), "dt < DATE '2024-01-20'"),
        new Pred("dt>=feb10", col("dt").geq(feb10), "dt >= DATE '2024-02-10'"),
        new Pred("flag", col("flag").equalTo(true), "flag = true"),
        new Pred("flag not null", col("flag").isNotNull(), "flag IS NOT NULL"),
        new Pred(
            "k=0 and g='a'", col("k").equalTo(0).and(col("g").equalTo("a")), "(k = 0 AND g = 'a')"),
        new Pred("b<0 or d>50", col("b").lt(0).or(col("d").gt(50.0)), "(b < 0 OR d > 50.0)"),
        new Pred("not k>5", not(col("k").gt(5)), "NOT (k > 5)"),
        new Pred(
            "k null or not flag",
            col("k").isNull().or(col("flag").equalTo(false)),
            "(k IS NULL OR flag = false)"),
        new Pred(
            "id<id-free const",
            col("id").lt(lit(100).cast(dev.weft.sql.types.DataTypes.LongType)),
            "id < 100"));
  }

  private record Aggs(String name, Function<Void, Column[]> cols, String sql) {}

  private static List<Aggs> aggregates() {
    return List.of(
        new Aggs(
            "count/sum/min/max",
            v ->
                new Column[] {
                  count("*"), count(col("d")), sum(col("b")), min(col("dec")), max(col("dt"))
                },
            "COUNT(*), COUNT(d), SUM(b), MIN(dec), MAX(dt)"),
        new Aggs(
            "sum dec/avg/min str",
            v ->
                new Column[] {
                  sum(col("dec")), avg(col("d")), min(col("g")), max(col("b")), count(col("flag"))
                },
            "SUM(dec), AVG(d), MIN(g), MAX(b), COUNT(flag)"),
        new Aggs(
            "sum int/avg long",
            v -> new Column[] {sum(col("k")), avg(col("b")), max(col("d")), min(col("dt"))},
            "SUM(k), AVG(b), MAX(d), MIN(dt)"));
  }

  static List<Shape> all() {
    List<Shape> out = new ArrayList<>();
    List<Pred> preds = predicates();
    for (Pred p : preds) {
      out.add(
          new Shape(
              "filter " + p.name,
              t -> t.t1.where(p.col),
              "SELECT * FROM t1 WHERE " + p.sql,
              false));
    }
    for (Pred p : preds.subList(0, 8)) {
      out.add(
          new Shape(
              "project " + p.name,
              t ->
                  t.t1
                      .where(p.col)
                      .select(col("id"), col("g"), col("dec"), col("k").gt(2).as("big")),
              "SELECT id, g, dec, k > 2 AS big FROM t1 WHERE " + p.sql,
              false));
    }
    String[][] keys = {{"g"}, {"k"}, {"flag"}, {"dt"}, {"g", "flag"}};
    for (String[] key : keys) {
      String keySql = String.join(", ", key);
      for (Aggs a : aggregates()) {
        out.add(
            new Shape(
                "groupBy " + keySql + " " + a.name,
                t ->
                    t.t1.groupBy(columns(key)).agg(a.cols.apply(null)[0], rest(a.cols.apply(null))),
                "SELECT " + keySql + ", " + a.sql + " FROM t1 GROUP BY " + keySql,
                false));
      }
      out.add(
          new Shape(
              "filtered groupBy " + keySql,
              t -> t.t1.where(col("b").gt(-500)).groupBy(columns(key)).count(),
              "SELECT " + keySql + ", COUNT(*) AS count FROM t1 WHERE b > -500 GROUP BY " + keySql,
              false));
    }
    for (String key : new String[] {"g", "k", "flag"}) {
      for (String x : new String[] {"b", "g", "dt"}) {
        if (x.equals(key)) {
          continue;
        }
        out.add(
            new Shape(
                "count distinct " + x + " by " + key,
                t -> t.t1.select(key, x).distinct().groupBy(key).agg(count(col(x))),
                "SELECT " + key + ", COUNT(DISTINCT " + x + ") FROM t1 GROUP BY " + key,
                false));
      }
    }
    for (Aggs a : aggregates()) {
      out.add(
          new Shape(
              "global " + a.name,
              t -> t.t1.agg(a.cols.apply(null)[0], rest(a.cols.apply(null))),
              "SELECT " + a.sql + " FROM t1",
              false));
      out.add(
          new Shape(
              "global over empty filter " + a.name,
              t -> t.t1.where(col("id").lt(0)).agg(a.cols.apply(null)[0], rest(a.cols.apply(null))),
              "SELECT " + a.sql + " FROM t1 WHERE id < 0",
              false));
      out.add(
          new Shape(
              "global over empty table " + a.name,
              t -> t.t0.agg(a.cols.apply(null)[0], rest(a.cols.apply(null))),
              "SELECT " + a.sql + " FROM t0",
              false));
    }
    joins(out);
    sorts(out);
    setOps(out);
    return out;
  }

  private static void joins(List<Shape> out) {
    String[][] types = {
      {"inner", "INNER JOIN"},
      {"left", "LEFT JOIN"},
      {"right", "RIGHT JOIN"},
      {"full", "FULL JOIN"},
      {"left_semi", "SEMI"},
      {"left_anti", "ANTI"}
    };
    for (String[] type : types) {
      String how = type[0];
      out.add(joinShape(how + " join on k (broadcast)", how, type[1], false, false, "t1.k = t2.k"));
      out.add(joinShape(how + " join on k (shuffled)", how, type[1], true, false, "t1.k = t2.k"));
      out.add(
          joinShape(
              how + " join on k and residual",
              how,
              type[1],
              true,
              true,
              "t1.k = t2.k AND t1.b > t2.v"));
      out.add(
          new Shape(
              how + " join on k and dt",
              t ->
                  t.t1.join(
                      t.t2Distributed,
                      t.t1
                          .col("k")
                          .equalTo(t.t2Distributed.col("k"))
                          .and(t.t1.col("dt").equalTo(t.t2Distributed.col("dt"))),
                      how),
              joinSql(type[1], "t1.k = t2.k AND t1.dt = t2.dt"),
              false));
      if (!how.contains("semi") && !how.contains("anti")) {
        out.add(
            new Shape(
                how + " join then filter on t2",
                t ->
                    t.t1
                        .join(t.t2, t.t1.col("k").equalTo(t.t2.col("k")), how)
                        .where(t.t2.col("v").gt(0)),
                "SELECT t1.*, t2.* FROM t1 " + type[1] + " t2 ON t1.k = t2.k WHERE t2.v > 0",
                false));
        out.add(
            new Shape(
                how + " join then filter on t1",
                t ->
                    t.t1
                        .join(t.t2Distributed, t.t1.col("k").equalTo(t.t2Distributed.col("k")), how)
                        .where(t.t1.col("g").equalTo("a")),
                "SELECT t1.*, t2.* FROM t1 " + type[1] + " t2 ON t1.k = t2.k WHERE t1.g = 'a'",
                false));
      }
    }
    String[][] using = {
      {"inner", "INNER JOIN", "t1.k"},
      {"left", "LEFT JOIN", "t1.k"},
      {"right", "RIGHT JOIN", "t2.k"},
      {"full", "FULL JOIN", "COALESCE(t1.k, t2.k)"}
    };
    for (String[] u : using) {
      out.add(
          new Shape(
              u[0] + " join using k",
              t -> t.t1.join(t.t2Distributed, List.of("k"), u[0]),
              "SELECT "
                  + u[2]
                  + " AS k, t1.id, t1.g, t1.b, t1.d, t1.dec, t1.dt, t1.flag, t2.name, t2.v, t2.dt"
                  + " FROM t1 "
                  + u[1]
                  + " t2 ON t1.k = t2.k",
              false));
    }
    out.add(
        new Shape(
            "inner non-equi join",
            t -> t.t1.where(col("id").lt(30)).join(t.t2, t.t1.col("k").lt(t.t2.col("k"))),
            "SELECT t1.*, t2.* FROM t1 JOIN t2 ON t1.k < t2.k WHERE t1.id < 30",
            false));
    out.add(
        new Shape(
            "left non-equi join",
            t -> t.t1.where(col("id").lt(30)).join(t.t2, t.t1.col("b").gt(t.t2.col("v")), "left"),
            "SELECT t1.*, t2.* FROM (SELECT * FROM t1 WHERE id < 30) t1 LEFT JOIN t2 ON t1.b > t2.v",
            false));
    out.add(
        new Shape(
            "full non-equi join",
            t -> t.t1.where(col("id").lt(20)).join(t.t2, t.t1.col("k").gt(t.t2.col("k")), "full"),
            "SELECT t1.*, t2.* FROM (SELECT * FROM t1 WHERE id < 20) t1 FULL JOIN t2 ON t1.k > t2.k",
            false));
    out.add(
        new Shape(
            "self join",
            t -> t.t2.join(t.t2, List.of("k")),
            "SELECT a.k, a.name, a.v, a.dt, b.name, b.v, b.dt FROM t2 a JOIN t2 b ON a.k = b.k",
            false));
    out.add(
        new Shape(
            "aggregate over join",
            t ->
                t.t1
                    .join(t.t2Distributed, t.t1.col("k").equalTo(t.t2Distributed.col("k")))
                    .groupBy(t.t2Distributed.col("name"))
                    .agg(sum(t.t1.col("b")), count("*")),
            "SELECT t2.name, SUM(t1.b), COUNT(*) FROM t1 JOIN t2 ON t1.k = t2.k GROUP BY t2.name",
            false));
    out.add(
        new Shape(
            "aggregate over broadcast left join",
            t ->
                t.t1
                    .join(t.t2, t.t1.col("k").equalTo(t.t2.col("k")), "left")
                    .groupBy(t.t1.col("g"))
                    .agg(max(t.t2.col("name")), count(t.t2.col("v"))),
            "SELECT t1.g, MAX(t2.name), COUNT(t2.v) FROM t1 LEFT JOIN t2 ON t1.k = t2.k GROUP BY t1.g",
            false));
  }

  private static Shape joinShape(
      String name, String how, String sqlType, boolean distributed, boolean residual, String on) {
    return new Shape(
        name,
        t -> {
          DataFrame right = distributed ? t.t2Distributed : t.t2;
          Column cond = t.t1.col("k").equalTo(right.col("k"));
          if (residual) {
            cond = cond.and(t.t1.col("b").gt(right.col("v")));
          }
          return t.t1.join(right, cond, how);
        },
        joinSql(sqlType, on),
        false);
  }

  private static String joinSql(String sqlType, String on) {
    if (sqlType.equals("SEMI")) {
      return "SELECT t1.* FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE " + on + ")";
    }
    if (sqlType.equals("ANTI")) {
      return "SELECT t1.* FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE " + on + ")";
    }
    return "SELECT t1.*, t2.* FROM t1 " + sqlType + " t2 ON " + on;
  }

  private static void sorts(List<Shape> out) {
    out.add(
        new Shape(
            "order by id desc limit 10",
            t -> t.t1.orderBy(col("id").desc()).limit(10),
            "SELECT * FROM t1 ORDER BY id DESC LIMIT 10",
            true));
    out.add(
        new Shape(
            "order by g nulls last, id limit 25",
            t -> t.t1.orderBy(col("g").asc_nulls_last(), col("id")).limit(25),
            "SELECT * FROM t1 ORDER BY g ASC NULLS LAST, id ASC NULLS FIRST LIMIT 25",
            true));
    out.add(
        new Shape(
            "order by dt desc nulls first, id",
            t -> t.t1.orderBy(col("dt").desc_nulls_first(), col("id").asc()),
            "SELECT * FROM t1 ORDER BY dt DESC NULLS FIRST, id ASC",
            true));
    out.add(
        new Shape(
            "order by dec, id limit 5",
            t -> t.t1.orderBy(col("dec"), col("id")).limit(5),
            "SELECT * FROM t1 ORDER BY dec ASC NULLS FIRST, id ASC LIMIT 5",
            true));
    out.add(
        new Shape(
            "order by k, id",
            t -> t.t1.orderBy("k", "id"),
            "SELECT * FROM t1 ORDER BY k ASC NULLS FIRST, id ASC",
            true));
    out.add(
        new Shape(
            "order by d desc, id limit 50",
            t -> t.t1.orderBy(col("d").desc(), col("id")).limit(50),
            "SELECT * FROM t1 ORDER BY d DESC NULLS LAST, id ASC LIMIT 50",
            true));
    out.add(
        new Shape(
            "filter, order by b, id",
            t ->
                t.t1
                    .where(col("flag").equalTo(true))
                    .select("id", "b", "flag")
                    .orderBy(col("b").desc_nulls_last(), col("id").desc()),
            "SELECT id, b, flag FROM t1 WHERE flag = true ORDER BY b DESC NULLS LAST, id DESC",
            true));
    out.add(
        new Shape(
            "aggregate then order",
            t -> t.t1.groupBy("g").count().orderBy(col("count").desc(), col("g").asc_nulls_first()),
            "SELECT g, COUNT(*) AS count FROM t1 GROUP BY g ORDER BY count DESC NULLS LAST, g ASC NULLS FIRST",
            true));
  }

  private static void setOps(List<Shape> out) {
    out.add(
        new Shape(
            "distinct g, flag",
            t -> t.t1.select("g", "flag").distinct(),
            "SELECT DISTINCT g, flag FROM t1",
            false));
    out.add(
        new Shape(
            "distinct k", t -> t.t1.select("k").distinct(), "SELECT DISTINCT k FROM t1", false));
    out.add(
        new Shape(
            "union all",
            t -> t.t1.select("k", "g").union(t.t2.select("k", "name")),
            "SELECT k, g FROM t1 UNION ALL SELECT k, name FROM t2",
            false));
    out.add(
        new Shape(
            "union by name",
            t -> t.t1.select("k", "dt").unionByName(t.t2.select("dt", "k")),
            "SELECT k, dt FROM t1 UNION ALL SELECT k, dt FROM t2",
            false));
    out.add(
        new Shape(
            "union then distinct",
            t -> t.t1.select("k").union(t.t2Distributed.select("k")).distinct(),
            "SELECT k FROM t1 UNION SELECT k FROM t2",
            false));
    out.add(
        new Shape(
            "dropDuplicates g, flag",
            t -> t.t1.dropDuplicates("g", "flag").select("g", "flag"),
            "SELECT DISTINCT g, flag FROM t1",
            false));
    out.add(
        new Shape(
            "repartition by k then count",
            t -> t.t1.repartition(3, col("k")).groupBy("k").count(),
            "SELECT k, COUNT(*) AS count FROM t1 GROUP BY k",
            false));
    out.add(
        new Shape(
            "withColumn, rename, drop",
            t ->
                t.t1
                    .withColumn("pos", col("b").gt(0))
                    .withColumnRenamed("g", "grp")
                    .drop("d", "dec"),
            "SELECT id, k, g AS grp, b, dt, flag, b > 0 AS pos FROM t1",
            false));
    out.add(
        new Shape(
            "limit over filter count",
            t -> t.t1.where(col("k").equalTo(0)).select("k").limit(7),
            "SELECT k FROM t1 WHERE k = 0 LIMIT 7",
            false));
  }

  private static Column[] columns(String[] names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = col(names[i]);
    }
    return out;
  }

  private static Column[] rest(Column[] cols) {
    return java.util.Arrays.copyOfRange(cols, 1, cols.length);
  }
}
