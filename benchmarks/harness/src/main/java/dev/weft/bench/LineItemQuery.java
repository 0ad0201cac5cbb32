package dev.weft.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@code lineitem} workload's query, shared by the runners and the expected result: TPC-H Q1's
 * shape over {@code lineitem/}.
 *
 * <pre>
 * SELECT l_returnflag, l_linestatus,
 *        sum(l_quantity), sum(l_extendedprice),
 *        sum(l_extendedprice * (1 - l_discount)),
 *        sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)),
 *        avg(l_quantity), avg(l_extendedprice), avg(l_discount), count(*)
 * FROM lineitem WHERE l_shipdate &lt;= DATE '1998-09-02'
 * GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus
 * </pre>
 *
 * <p>Output lines are these ten values separated by tabs, decimals in plain notation. With the
 * inputs' decimal(12,2) columns the aggregates' types are Spark's: sums decimal(22,2),
 * decimal(36,4) and decimal(38,6); averages decimal(16,6); the count bigint.
 *
 * <p>JDK only, like {@link RunnerReport}: the runners take the harness jar without its
 * dependencies.
 */
public final class LineItemQuery {
  /** The last ship date counted: TPC-H's {@code DATE '1998-12-01' - INTERVAL '90' DAY}. */
  public static final LocalDate SHIP_DATE_CUTOFF = LocalDate.of(1998, 9, 2);

  /** The grouping columns, which are also the ordering. */
  public static final List<String> GROUP_COLUMNS = List.of("l_returnflag", "l_linestatus");

  /** The names of the aggregates, in output order. */
  public static final List<String> AGGREGATE_COLUMNS =
      List.of(
          "sum_qty",
          "sum_base_price",
          "sum_disc_price",
          "sum_charge",
          "avg_qty",
          "avg_price",
          "avg_disc",
          "count_order");

  /** The columns the query reads, 7 of the table's 16. */
  public static final List<String> COLUMNS_READ =
      List.of(
          "l_shipdate",
          "l_returnflag",
          "l_linestatus",
          "l_quantity",
          "l_extendedprice",
          "l_discount",
          "l_tax");

  /** The scale of the averages: decimal(12,2) averages are decimal(16,6). */
  static final int AVG_SCALE = 6;

  /** The scale Spark divides a decimal(22,2) sum by a count at, before the average's cast. */
  static final int DIVIDE_SCALE = 18;

  private LineItemQuery() {}

  /**
   * The average {@code sum / count} as Spark computes {@code avg} of a decimal(12,2): the quotient
   * rounded half-up to 18 places, then to 6.
   */
  public static BigDecimal average(BigDecimal sum, long count) {
    return sum.divide(BigDecimal.valueOf(count), DIVIDE_SCALE, RoundingMode.HALF_UP)
        .setScale(AVG_SCALE, RoundingMode.HALF_UP);
  }
}
