package dev.weft.sql;

import dev.weft.api.Dataset;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.sql.analysis.Analyzer;
import dev.weft.sql.exec.ExecContext;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.plan.DatasetRelation;
import dev.weft.sql.plan.FileRelation;
import dev.weft.sql.plan.LocalRelation;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Statistics;
import dev.weft.sql.sources.FileSource;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point of DataFrames, like Spark's {@code SparkSession}: {@code
 * WeftSession.builder().appName("etl").master("local[2]").getOrCreate()}, or {@link #of} over an
 * existing {@link WeftContext}. Makes DataFrames from rows, records, beans and datasets.
 */
public final class WeftSession implements AutoCloseable {
  static {
    // Stages and jobs are named by the user's line, not by the DataFrame layer's own frames.
    dev.weft.core.plan.CallSite.registerApiPackage("dev.weft.sql.");
  }

  private static WeftSession active;

  private final WeftContext context;
  private final Analyzer analyzer = new Analyzer();

  private WeftSession(WeftContext context) {
    this.context = context;
  }

  /** A session over an existing context (stopping the session stops the context). */
  public static WeftSession of(WeftContext context) {
    return new WeftSession(context);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures and gets the session of this JVM. */
  public static final class Builder {
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder() {}

    public Builder appName(String name) {
      options.put("weft.app.name", name);
      return this;
    }

    public Builder master(String master) {
      options.put("weft.master", master);
      return this;
    }

    /** Any {@code weft.*} key, e.g. {@code weft.sql.shuffle.partitions}. */
    public Builder config(String key, String value) {
      options.put(key, value);
      return this;
    }

    /** The active session, or a new one (with a new context) from these options. */
    public WeftSession getOrCreate() {
      synchronized (WeftSession.class) {
        if (active == null || active.stopped) {
          WeftConf conf = new WeftConf();
          options.forEach(conf::set);
          active = new WeftSession(new WeftContext(conf));
        }
        return active;
      }
    }
  }

  private volatile boolean stopped;

  /** The context queries run on. */
  public WeftContext context() {
    return context;
  }

  /** Stops the session and its context. */
  public void stop() {
    stopped = true;
    context.stop();
  }

  @Override
  public void close() {
    stop();
  }

  // ---- DataFrames ----

  /** A DataFrame of rows held on the driver, with {@code schema}. */
  public DataFrame createDataFrame(List<Row> rows, StructType schema) {
    List<InternalRow> internal = new ArrayList<>(rows.size());
    for (Row r : rows) {
      internal.add(InternalValues.toInternalRow(r, schema));
    }
    return newDataFrame(new LocalRelation(attributes(schema), internal));
  }

  /** A DataFrame over a dataset of rows of {@code schema}. */
  public DataFrame createDataFrame(Dataset<Row> rows, StructType schema) {
    Dataset<InternalRow> internal = rows.map(r -> InternalValues.toInternalRow(r, schema));
    return newDataFrame(
        new DatasetRelation(attributes(schema), internal, "Dataset " + rows.id(), Long.MAX_VALUE));
  }

  /** A DataFrame of Java records or beans held on the driver; columns from the class. */
  public <T> DataFrame createDataFrame(List<T> data, Class<T> type) {
    JavaTypes<T> types = new JavaTypes<>(type);
    List<InternalRow> internal = new ArrayList<>(data.size());
    for (T t : data) {
      internal.add(types.toInternal(t));
    }
    return newDataFrame(new LocalRelation(attributes(types.schema()), internal));
  }

  /** A DataFrame over a dataset of Java records or beans; columns from the class. */
  public <T> DataFrame createDataFrame(Dataset<T> data, Class<T> type) {
    JavaTypes<T> types = new JavaTypes<>(type);
    Dataset<InternalRow> internal = data.map(types::toInternal);
    return newDataFrame(
        new DatasetRelation(
            attributes(types.schema()), internal, "Dataset " + data.id(), Long.MAX_VALUE));
  }

  /** The numbers 0 to n-1 in a column {@code id} of type bigint. */
  public DataFrame range(long n) {
    Dataset<InternalRow> ids = context.range(0, n).map(i -> new InternalRow(i));
    List<AttributeReference> out =
        List.of(AttributeReference.create("id", DataTypes.LongType, false));
    return newDataFrame(
        new DatasetRelation(
            out, ids, "Range (0, " + n + ")", Statistics.multiply(n, Statistics.rowSize(out))));
  }

  /**
   * A DataFrame over a table of a {@link FileSource}: what {@code read()}'s formats build on. The
   * optimizer hands the source the query's filters and columns.
   */
  public DataFrame fromSource(FileSource source) {
    List<AttributeReference> columns = attributes(source.schema());
    return newDataFrame(new FileRelation(source, columns, columns, List.of()));
  }

  /** Reads files as DataFrames: {@code session.read().parquet(path)}. */
  public DataFrameReader read() {
    return new DataFrameReader(this);
  }

  private static List<AttributeReference> attributes(StructType schema) {
    List<AttributeReference> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(AttributeReference.create(f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }

  // ---- internals ----

  /** The session's time zone: {@code weft.sql.session.timeZone}, else the driver JVM's zone. */
  String timeZone() {
    String zone =
        dev.weft.core.driver.Internals.of(context).config().get(SqlConfig.SESSION_TIME_ZONE);
    return zone != null ? zone : java.time.ZoneId.systemDefault().getId();
  }

  DataFrame newDataFrame(LogicalPlan plan) {
    return new DataFrame(this, plan);
  }

  LogicalPlan analyze(LogicalPlan plan) {
    return analyzer.analyze(plan);
  }

  ExecContext execContext() {
    return new ExecContext(
        context,
        dev.weft.core.driver.Internals.of(context).config().get(SqlConfig.SHUFFLE_PARTITIONS),
        dev.weft.core.driver.Internals.of(context)
            .config()
            .get(SqlConfig.AUTO_BROADCAST_JOIN_THRESHOLD));
  }
}
