package dev.weft.sql;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.UnresolvedStar;
import dev.weft.sql.plan.Aggregate;
import java.util.ArrayList;
import java.util.List;

/**
 * The groups of {@code df.groupBy(...)}, to aggregate: {@code df.groupBy("dept").agg(count("*"))}.
 * The result has the grouping columns followed by the aggregates.
 */
public final class RelationalGroupedDataset {
  private final DataFrame df;
  private final List<Expression> grouping;

  RelationalGroupedDataset(DataFrame df, List<Expression> grouping) {
    this.df = df;
    this.grouping = List.copyOf(grouping);
  }

  /** The grouping columns and one column per aggregate expression. */
  public DataFrame agg(Column first, Column... rest) {
    List<Expression> aggs = new ArrayList<>();
    for (Expression g : grouping) {
      if (!(g instanceof UnresolvedStar)) {
        aggs.add(g);
      }
    }
    aggs.add(first.expr());
    for (Column c : rest) {
      aggs.add(c.expr());
    }
    return df.session().newDataFrame(new Aggregate(grouping, aggs, df.plan()));
  }

  /** The number of rows of each group, in a column {@code count}. */
  public DataFrame count() {
    return agg(functions.count("*").as("count"));
  }

  /** The sum of each of {@code columns} per group ({@code sum(col)} columns, as Spark). */
  public DataFrame sum(String... columns) {
    return each(columns, functions::sum);
  }

  /** The average of each of {@code columns} per group. */
  public DataFrame avg(String... columns) {
    return each(columns, functions::avg);
  }

  /** Same as {@link #avg}. */
  public DataFrame mean(String... columns) {
    return avg(columns);
  }

  /** The minimum of each of {@code columns} per group. */
  public DataFrame min(String... columns) {
    return each(columns, functions::min);
  }

  /** The maximum of each of {@code columns} per group. */
  public DataFrame max(String... columns) {
    return each(columns, functions::max);
  }

  private DataFrame each(String[] columns, java.util.function.Function<Column, Column> f) {
    if (columns.length == 0) {
      throw new AnalysisException(
          "name the columns to aggregate, e.g. groupBy(\"k\").sum(\"amount\")");
    }
    Column first = f.apply(functions.col(columns[0]));
    Column[] rest = new Column[columns.length - 1];
    for (int i = 1; i < columns.length; i++) {
      rest[i - 1] = f.apply(functions.col(columns[i]));
    }
    return agg(first, rest);
  }
}
