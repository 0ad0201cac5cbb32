package dev.weft.sql.sources;

import dev.weft.api.Dataset;
import dev.weft.api.WeftContext;
import dev.weft.sql.Row;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FileSource} over rows in memory, laid out in partitions by partition-column values as
 * {@code col=value} directories would be: it prunes partitions with the pushed filters that read
 * only partition columns, and records what the last scan asked for, so tests can assert pruning.
 */
public final class InMemoryFileSource implements FileSource {
  /** One partition directory: its partition values and its rows (all columns, schema order). */
  public record Partition(Map<String, Object> values, List<Row> rows) {}

  private final StructType schema;
  private final List<String> partitionColumns;
  private final List<Partition> partitions;
  public volatile List<SourceFilter> lastFilters;
  public volatile List<String> lastColumns;
  public volatile int lastPartitionsRead;

  public InMemoryFileSource(
      StructType schema, List<String> partitionColumns, List<Partition> partitions) {
    this.schema = schema;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.partitions = List.copyOf(partitions);
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  private List<Partition> prune(List<SourceFilter> filters) {
    List<Partition> out = new ArrayList<>();
    for (Partition p : partitions) {
      boolean keep = true;
      for (SourceFilter f : filters) {
        if (partitionColumns.containsAll(f.references())
            && !Boolean.TRUE.equals(f.evaluate(p.values))) {
          keep = false;
        }
      }
      if (keep) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public long estimatedSizeInBytes(List<SourceFilter> filters) {
    long rows = 0;
    for (Partition p : prune(filters)) {
      rows += p.rows.size();
    }
    return Math.max(1, rows * (8 + schema.defaultSize()));
  }

  @Override
  public Dataset<InternalRow> scan(
      WeftContext context, List<String> requiredColumns, List<SourceFilter> filters) {
    lastFilters = filters;
    lastColumns = requiredColumns;
    List<Partition> kept = prune(filters);
    lastPartitionsRead = kept.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < schema.size(); i++) {
      index.put(schema.field(i).name(), i);
    }
    List<InternalRow> rows = new ArrayList<>();
    for (Partition p : kept) {
      for (Row r : p.rows) {
        Object[] values = new Object[requiredColumns.size()];
        for (int i = 0; i < values.length; i++) {
          int at = index.get(requiredColumns.get(i));
          StructField f = schema.field(at);
          values[i] = InternalValues.toInternal(r.get(at), f.dataType());
        }
        rows.add(new InternalRow(values));
      }
    }
    return context.parallelize(rows, Math.max(1, kept.size()));
  }
}
