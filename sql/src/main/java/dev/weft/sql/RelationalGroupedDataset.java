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
}
