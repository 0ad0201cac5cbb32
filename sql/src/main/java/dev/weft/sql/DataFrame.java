package dev.weft.sql;

import dev.weft.api.Dataset;
import dev.weft.api.StorageLevel;
import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.expr.SortOrder;
import dev.weft.sql.expr.UnresolvedAttribute;
import dev.weft.sql.plan.DatasetRelation;
import dev.weft.sql.plan.Deduplicate;
import dev.weft.sql.plan.Distinct;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.Join;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.Limit;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Project;
import dev.weft.sql.plan.Repartition;
import dev.weft.sql.plan.Sort;
import dev.weft.sql.plan.SubqueryAlias;
import dev.weft.sql.plan.Union;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A distributed table with a schema, as Spark's {@code DataFrame}: immutable, built lazily by
 * transformations, computed by actions. Each transformation is analyzed at once, so an unknown
 * column or a type mismatch fails at the call with an {@link AnalysisException}, before any task
 * runs.
 */
public final class DataFrame {
  private final WeftSession session;
  private final LogicalPlan parsed;
  private volatile LogicalPlan analyzed;
  private volatile QueryExecution execution;
  private Dataset<InternalRow> cached;

  DataFrame(WeftSession session, LogicalPlan parsed) {
    this.session = session;
    this.parsed = parsed;
    this.analyzed = session.analyze(parsed);
  }

  LogicalPlan plan() {
    return analyzed;
  }

  synchronized QueryExecution execution() {
    if (execution == null) {
      execution = new QueryExecution(session, parsed, analyzed);
    }
    return execution;
  }

  private DataFrame with(LogicalPlan plan) {
    return new DataFrame(session, plan);
  }

  /** The session this DataFrame belongs to. */
  public WeftSession session() {
    return session;
  }

  // ---- schema ----

  public StructType schema() {
    return analyzed.schema();
  }

  public String[] columns() {
    return schema().fieldNames();
  }

  /** Prints the schema as a tree. */
  public void printSchema() {
    System.out.print(schema().treeString());
  }

  /**
   * The column {@code name} of this DataFrame, bound to it: after a join, {@code left.col("id")}
   * names the left side's {@code id} even when both sides have one.
   */
  public Column col(String name) {
    if (name.equals("*")) {
      return new Column(name);
    }
    LogicalPlan probe =
        session.analyze(new Project(List.of(UnresolvedAttribute.quoted(name)), analyzed));
    Expression bound = ((Project) probe).projectList().get(0);
    // a struct field (s.a) comes back named; the column is the field itself
    return new Column(bound instanceof Alias a ? a.child() : bound);
  }

  /** Same as {@link #col}. */
  public Column apply(String name) {
    return col(name);
  }

  // ---- transformations ----

  public DataFrame select(Column... cols) {
    List<Expression> list = new ArrayList<>();
    for (Column c : cols) {
      list.add(c.expr());
    }
    return with(new Project(list, analyzed));
  }

  public DataFrame select(String col, String... cols) {
    List<Column> all = new ArrayList<>();
    all.add(new Column(col));
    for (String c : cols) {
      all.add(new Column(c));
    }
    return select(all.toArray(new Column[0]));
  }

  /** The rows for which {@code condition} is TRUE. */
  public DataFrame filter(Column condition) {
    return with(new Filter(condition.expr(), analyzed));
  }

  /** Same as {@link #filter}. */
  public DataFrame where(Column condition) {
    return filter(condition);
  }

  /** This DataFrame with a column {@code name} replaced, or added at the end. */
  public DataFrame withColumn(String name, Column value) {
    List<Expression> list = new ArrayList<>();
    boolean replaced = false;
    for (AttributeReference a : analyzed.output()) {
      if (a.matches(name)) {
        list.add(new Alias(value.expr(), name));
        replaced = true;
      } else {
        list.add(a);
      }
    }
    if (!replaced) {
      list.add(new Alias(value.expr(), name));
    }
    return with(new Project(list, analyzed));
  }

  /** This DataFrame with column {@code existing} named {@code newName}; no-op if absent. */
  public DataFrame withColumnRenamed(String existing, String newName) {
    List<Expression> list = new ArrayList<>();
    boolean found = false;
    for (AttributeReference a : analyzed.output()) {
      if (a.matches(existing)) {
        list.add(new Alias(a, newName));
        found = true;
      } else {
        list.add(a);
      }
    }
    return found ? with(new Project(list, analyzed)) : this;
  }

  /** This DataFrame without the named columns (names that are absent are ignored). */
  public DataFrame drop(String... names) {
    List<Expression> list = new ArrayList<>();
    for (AttributeReference a : analyzed.output()) {
      if (Arrays.stream(names).noneMatch(a::matches)) {
        list.add(a);
      }
    }
    return with(new Project(list, analyzed));
  }

  /** This DataFrame without the given column of it. */
  public DataFrame drop(Column column) {
    Expression e = col(column.toString()).expr();
    List<Expression> list = new ArrayList<>();
    for (AttributeReference a : analyzed.output()) {
      if (!a.equals(e)) {
        list.add(a);
      }
    }
    return with(new Project(list, analyzed));
  }

  public RelationalGroupedDataset groupBy(Column... cols) {
    List<Expression> exprs = new ArrayList<>();
    for (Column c : cols) {
      exprs.add(c.expr());
    }
    return new RelationalGroupedDataset(this, exprs);
  }

  public RelationalGroupedDataset groupBy(String col, String... cols) {
    return groupBy(columns(col, cols));
  }

  private static Column[] columns(String col, String... cols) {
    Column[] all = new Column[cols.length + 1];
    all[0] = new Column(col);
    for (int i = 0; i < cols.length; i++) {
      all[i + 1] = new Column(cols[i]);
    }
    return all;
  }

  /** Aggregates over all rows: {@code df.agg(count("*"), max(col("x")))}. */
  public DataFrame agg(Column first, Column... rest) {
    return groupBy().agg(first, rest);
  }

  /** The inner join with no condition (every pair of rows), as Spark's {@code join(other)}. */
  public DataFrame join(DataFrame right) {
    return with(new Join(analyzed, right.analyzed, JoinType.INNER, null));
  }

  /** An inner equi-join on a column both sides have; the column appears once. */
  public DataFrame join(DataFrame right, String usingColumn) {
    return join(right, List.of(usingColumn), "inner");
  }

  /** An inner equi-join on columns both sides have; they appear once. */
  public DataFrame join(DataFrame right, List<String> usingColumns) {
    return join(right, usingColumns, "inner");
  }

  /**
   * An equi-join on columns both sides have ({@code USING}), of a type Spark names ({@code inner},
   * {@code left}, {@code right}, {@code full}, {@code left_semi}, {@code left_anti}, ...). The key
   * columns appear once: the left's, the right's for a right join, coalesced for a full join.
   */
  public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
    return with(
        new Join(analyzed, right.analyzed, JoinType.fromString(joinType), null, usingColumns));
  }

  /** An inner join on a condition. */
  public DataFrame join(DataFrame right, Column condition) {
    return join(right, condition, "inner");
  }

  /** A join on a condition, of a type Spark names. */
  public DataFrame join(DataFrame right, Column condition, String joinType) {
    return with(
        new Join(analyzed, right.analyzed, JoinType.fromString(joinType), condition.expr()));
  }

  /** Every pair of rows. */
  public DataFrame crossJoin(DataFrame right) {
    return with(new Join(analyzed, right.analyzed, JoinType.CROSS, null));
  }

  /**
   * The rows sorted by the columns, across partitions; a column without a direction is ascending
   * with NULLs first, as in Spark.
   */
  public DataFrame orderBy(Column... cols) {
    List<SortOrder> order = new ArrayList<>();
    for (Column c : cols) {
      order.add(c.expr() instanceof SortOrder s ? s : SortOrder.asc(c.expr()));
    }
    return with(new Sort(order, true, analyzed));
  }

  public DataFrame orderBy(String col, String... cols) {
    return orderBy(columns(col, cols));
  }

  /** Same as {@link #orderBy(Column...)}. */
  public DataFrame sort(Column... cols) {
    return orderBy(cols);
  }

  public DataFrame sort(String col, String... cols) {
    return orderBy(col, cols);
  }

  /** The first {@code n} rows (in order, after an orderBy). */
  public DataFrame limit(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("The limit must be 0 or more, got " + n);
    }
    return with(new Limit(n, analyzed));
  }

  /** Each distinct row once. */
  public DataFrame distinct() {
    return with(new Distinct(analyzed));
  }

  /** Same as {@link #distinct}. */
  public DataFrame dropDuplicates() {
    return distinct();
  }

  /** One row for each distinct value of the named columns (which row is kept is unspecified). */
  public DataFrame dropDuplicates(String... cols) {
    List<Expression> keys = new ArrayList<>();
    for (String c : cols) {
      keys.add(UnresolvedAttribute.quoted(c));
    }
    return with(new Deduplicate(keys, analyzed));
  }

  /** The rows of both, duplicates kept; columns match by position ({@code UNION ALL}). */
  public DataFrame union(DataFrame other) {
    return with(new Union(List.of(analyzed, other.analyzed), false));
  }

  /** Same as {@link #union}. */
  public DataFrame unionAll(DataFrame other) {
    return union(other);
  }

  /** The rows of both, duplicates kept; columns match by name. */
  public DataFrame unionByName(DataFrame other) {
    return with(new Union(List.of(analyzed, other.analyzed), true));
  }

  /** {@code n} partitions, rows dealt round robin. */
  public DataFrame repartition(int n) {
    return with(new Repartition(n, List.of(), analyzed));
  }

  /** {@code n} partitions by the hash of the columns. */
  public DataFrame repartition(int n, Column... cols) {
    return with(new Repartition(n, Arrays.stream(cols).map(Column::expr).toList(), analyzed));
  }

  /** {@code weft.sql.shuffle.partitions} partitions by the hash of the columns. */
  public DataFrame repartition(Column... cols) {
    return repartition(0, cols);
  }

  /** This DataFrame with its columns nameable as {@code alias.column}. */
  public DataFrame alias(String alias) {
    return with(new SubqueryAlias(alias, analyzed));
  }

  /** Same as {@link #alias}. */
  public DataFrame as(String alias) {
    return alias(alias);
  }

  // ---- caching ----

  /** Keeps the result in memory once computed ({@link StorageLevel#MEMORY_ONLY}). */
  public DataFrame cache() {
    return persist(StorageLevel.MEMORY_ONLY);
  }

  /**
   * Keeps the result at {@code level} once computed; DataFrames derived from this one afterwards
   * read the kept rows.
   */
  public synchronized DataFrame persist(StorageLevel level) {
    if (cached == null) {
      cached = execution().toInternalDataset().persist(level);
      analyzed = new DatasetRelation(analyzed.output(), cached, "InMemory", analyzed.sizeInBytes());
      execution = null;
    }
    return this;
  }

  /** Drops the kept rows. */
  public synchronized DataFrame unpersist() {
    if (cached != null) {
      cached.unpersist();
    }
    return this;
  }

  // ---- typed views ----

  /** The rows as a typed dataset. */
  public Dataset<Row> toDataset() {
    StructType schema = schema();
    return execution().toInternalDataset().map(r -> InternalValues.toRow(r, schema));
  }

  /** The rows as Java records or beans, their fields matched to columns by name. */
  public <T> Dataset<T> as(Class<T> type) {
    JavaTypes<T> types = new JavaTypes<>(type);
    StructType schema = schema();
    return execution().toInternalDataset().map(r -> types.fromRow(InternalValues.toRow(r, schema)));
  }

  // ---- actions ----

  /** Writes this DataFrame as files: {@code df.write().mode("overwrite").parquet(path)}. */
  public DataFrameWriter write() {
    return new DataFrameWriter(this);
  }

  /** All rows on the driver. Mind the driver's memory. */
  public List<Row> collect() {
    StructType schema = schema();
    List<InternalRow> rows = execution().toInternalDataset().collect();
    List<Row> out = new ArrayList<>(rows.size());
    for (InternalRow r : rows) {
      out.add(InternalValues.toRow(r, schema));
    }
    return out;
  }

  /** Same as {@link #collect}. */
  public List<Row> collectAsList() {
    return collect();
  }

  public long count() {
    Row r = agg(functions.count("*")).collect().get(0);
    return r.getLong(0);
  }

  public List<Row> take(int n) {
    return limit(n).collect();
  }

  public List<Row> head(int n) {
    return take(n);
  }

  /** The first row. @throws NoSuchElementException when there is none */
  public Row head() {
    List<Row> rows = take(1);
    if (rows.isEmpty()) {
      throw new NoSuchElementException("head of an empty DataFrame");
    }
    return rows.get(0);
  }

  public Row first() {
    return head();
  }

  /** Prints the first 20 rows as a table, cells cut at 20 characters. */
  public void show() {
    show(20, true);
  }

  public void show(int numRows) {
    show(numRows, true);
  }

  public void show(boolean truncate) {
    show(20, truncate);
  }

  public void show(int numRows, boolean truncate) {
    show(numRows, truncate ? 20 : 0);
  }

  /** Prints up to {@code numRows} rows, cells cut at {@code truncate} characters (0: whole). */
  public void show(int numRows, int truncate) {
    System.out.print(showString(numRows, truncate));
  }

  /** The table {@link #show(int, int)} prints. */
  public String showString(int numRows, int truncate) {
    return ShowFormatter.format(schema(), take(numRows + 1), numRows, truncate);
  }

  /** Prints the physical plan. */
  public void explain() {
    System.out.print(explainString("simple"));
  }

  /** Prints the plans: {@code "simple"} the physical one, {@code "extended"} all four. */
  public void explain(String mode) {
    System.out.print(explainString(mode));
  }

  public void explain(boolean extended) {
    explain(extended ? "extended" : "simple");
  }

  /** The text {@link #explain(String)} prints. */
  public String explainString(String mode) {
    return switch (mode.toLowerCase(java.util.Locale.ROOT)) {
      case "simple" -> execution().explain(false);
      case "extended" -> execution().explain(true);
      default ->
          throw new IllegalArgumentException(
              "Unknown explain mode '" + mode + "'; expected simple or extended");
    };
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (var f : schema().fields()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(f.name()).append(": ").append(f.dataType().simpleString());
    }
    return b.append(']').toString();
  }
}
