package dev.weft.sql.sources;

import dev.weft.api.Dataset;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.DriverRuntime;
import dev.weft.core.driver.Internals;
import dev.weft.core.io.SplitReader;
import dev.weft.core.io.SplitReaderFactory;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.InputPartition;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import dev.weft.sql.vector.ColumnBatch;
import dev.weft.sql.vector.ColumnVector;
import dev.weft.sql.vector.ConstantColumnVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A table of files of one {@link FileFormat}: lists its files once (on the driver, when the
 * DataFrame is made), reads partition columns from {@code col=value} directories, prunes
 * directories with the pushed filters at planning time, and scans the kept files in splits that
 * prefer the hosts of their HDFS blocks. Partition columns follow the data columns.
 */
public final class FileTable implements FileSource {
  private final FileFormat format;
  private final List<String> paths;
  private final StructType dataSchema;
  private final StructType partitionSchema;
  private final StructType schema;
  private final List<PartitionDiscovery.TableFile> files;

  /**
   * Lists the table at {@code paths}.
   *
   * @param options the reader's options: {@code basePath}, {@code recursiveFileLookup} and the
   *     format's own ({@code mergeSchema}, ...)
   * @param userSchema the schema the user gave, or null to infer it from the files
   * @throws IllegalArgumentException when a path does not exist, the schema cannot be inferred (no
   *     files), or the files disagree on partition columns or column types
   */
  public FileTable(
      FileFormat format,
      Configuration conf,
      List<String> paths,
      Map<String, String> options,
      StructType userSchema,
      boolean inferPartitionTypes) {
    this.format = format;
    this.paths = List.copyOf(paths);
    boolean recursive = Boolean.parseBoolean(options.getOrDefault("recursiveFileLookup", "false"));
    try {
      PartitionDiscovery.Listing listing =
          PartitionDiscovery.list(
              paths, conf, options.get("basePath"), recursive, inferPartitionTypes, userSchema);
      this.files = listing.files();
      this.partitionSchema = listing.partitionSchema();
      StructType data;
      if (userSchema != null) {
        data = userSchema;
      } else if (files.isEmpty()) {
        throw new IllegalArgumentException(
            "Unable to infer schema for "
                + format.shortName()
                + " at "
                + String.join(", ", paths)
                + ": no data files; it must be specified with schema(..)");
      } else {
        data = format.inferSchema(files.stream().map(f -> f.path()).toList(), conf, options);
      }
      List<StructField> dataFields = new ArrayList<>();
      for (StructField f : data.fields()) {
        if (partitionSchema.indexOf(f.name()) < 0) {
          dataFields.add(f);
        }
      }
      this.dataSchema = StructType.of(dataFields);
      List<StructField> all = new ArrayList<>(dataFields);
      all.addAll(partitionSchema.fields());
      this.schema = StructType.of(all);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list " + String.join(", ", paths) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return format.shortName() + " " + String.join(", ", paths);
  }

  @Override
  public StructType schema() {
    return schema;
  }

  /** The data columns: the files' columns, without the partition columns. */
  public StructType dataSchema() {
    return dataSchema;
  }

  @Override
  public List<String> partitionColumns() {
    return List.of(partitionSchema.fieldNames());
  }

  /** The paths of the files a scan with these filters reads, after partition pruning. */
  public List<String> filesToScan(List<SourceFilter> filters) {
    return PartitionDiscovery.prune(files, partitionSchema, filters).stream()
        .map(PartitionDiscovery.TableFile::path)
        .toList();
  }

  @Override
  public long estimatedSizeInBytes(List<SourceFilter> filters) {
    long size = 0;
    for (PartitionDiscovery.TableFile f :
        PartitionDiscovery.prune(files, partitionSchema, filters)) {
      size += f.length();
    }
    return Math.max(1, size);
  }

  @Override
  public Dataset<InternalRow> scan(
      WeftContext context, List<String> requiredColumns, List<SourceFilter> filters) {
    Plan plan = plan(context, requiredColumns, filters);
    if (plan == null) {
      return context.parallelize(List.<InternalRow>of(), 1);
    }
    Reader reader =
        new Reader(format, plan.requiredData, plan.dataFilters, plan.layout, plan.partitionValues);
    return plan.driver.dataset(
        plan.driver.sources().fileScan(format.shortName(), plan.partitions, reader));
  }

  @Override
  public boolean supportsBatches(List<String> requiredColumns) {
    List<StructField> data = new ArrayList<>();
    for (String name : requiredColumns) {
      int d = dataSchema.indexOf(name);
      if (d >= 0 && partitionSchema.indexOf(name) < 0) {
        data.add(dataSchema.field(d));
      }
    }
    return format.supportsBatches(StructType.of(data));
  }

  @Override
  public Dataset<ColumnBatch> scanBatches(
      WeftContext context, List<String> requiredColumns, List<SourceFilter> filters) {
    Plan plan = plan(context, requiredColumns, filters);
    if (plan == null) {
      return context.parallelize(List.<ColumnBatch>of(), 1);
    }
    List<DataType> types = new ArrayList<>();
    for (String name : requiredColumns) {
      types.add(schema.field(schema.indexOf(name)).dataType());
    }
    BatchReader reader =
        new BatchReader(
            format, plan.requiredData, plan.dataFilters, plan.layout, types, plan.partitionValues);
    return plan.driver.dataset(
        plan.driver.sources().fileScan(format.shortName(), plan.partitions, reader));
  }

  /**
   * What a scan reads: the kept files' splits, the data columns and where each column comes from.
   */
  private record Plan(
      DriverRuntime driver,
      List<InputPartition> partitions,
      StructType requiredData,
      List<SourceFilter> dataFilters,
      int[] layout,
      HashMap<String, Object[]> partitionValues) {}

  /** The scan's plan, or null when partition pruning keeps no file. */
  private Plan plan(WeftContext context, List<String> requiredColumns, List<SourceFilter> filters) {
    DriverRuntime driver = Internals.of(context);
    List<PartitionDiscovery.TableFile> kept =
        PartitionDiscovery.prune(files, partitionSchema, filters);
    if (kept.isEmpty()) {
      return null;
    }
    List<StructField> requiredData = new ArrayList<>();
    int[] layout = new int[requiredColumns.size()];
    for (int i = 0; i < layout.length; i++) {
      String name = requiredColumns.get(i);
      int p = partitionSchema.indexOf(name);
      if (p >= 0) {
        layout[i] = -p - 1;
      } else {
        int d = dataSchema.indexOf(name);
        if (d < 0) {
          throw new IllegalArgumentException("Column " + name + " is not in " + name());
        }
        layout[i] = requiredData.size();
        requiredData.add(dataSchema.field(d));
      }
    }
    List<String> dataNames = List.of(dataSchema.fieldNames());
    List<SourceFilter> dataFilters =
        filters.stream().filter(f -> dataNames.containsAll(f.references())).toList();
    HashMap<String, Object[]> partitionValues = new HashMap<>();
    for (PartitionDiscovery.TableFile f : kept) {
      partitionValues.put(key(f.path()), f.internalValues());
    }
    List<InputPartition> partitions =
        driver
            .sources()
            .planInput(
                kept.stream().map(PartitionDiscovery.TableFile::path).toList(),
                driver.defaultParallelism(),
                false);
    return new Plan(
        driver, partitions, StructType.of(requiredData), dataFilters, layout, partitionValues);
  }

  private static String key(String path) {
    return Path.getPathWithoutSchemeAndAuthority(new Path(path)).toString();
  }

  /** Opens splits on executors: the format's rows, with the partition values appended. */
  private record Reader(
      FileFormat format,
      StructType required,
      List<SourceFilter> filters,
      int[] layout,
      HashMap<String, Object[]> partitionValues)
      implements SplitReaderFactory<InternalRow> {
    @Override
    public SplitReader<InternalRow> open(FileSplit split, Configuration conf) throws IOException {
      FileFormat.SplitRows rows = format.open(split, required, filters, conf);
      Object[] values = partitionValues.get(key(split.path()));
      if (values == null) {
        rows.close();
        throw new IOException("Split " + split + " is not a file of this table");
      }
      return new SplitReader<>() {
        @Override
        public long bytesRead() {
          return rows.bytesRead();
        }

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public InternalRow next() {
          InternalRow data = rows.next();
          Object[] out = new Object[layout.length];
          for (int i = 0; i < out.length; i++) {
            int at = layout[i];
            out[i] = at >= 0 ? data.get(at) : values[-at - 1];
          }
          return new InternalRow(out);
        }

        @Override
        public void close() throws IOException {
          rows.close();
        }
      };
    }
  }

  /**
   * Opens splits on executors as column batches: the format's vectors, with a constant vector per
   * partition column.
   */
  private record BatchReader(
      FileFormat format,
      StructType required,
      List<SourceFilter> filters,
      int[] layout,
      List<DataType> types,
      HashMap<String, Object[]> partitionValues)
      implements SplitReaderFactory<ColumnBatch> {
    @Override
    public SplitReader<ColumnBatch> open(FileSplit split, Configuration conf) throws IOException {
      Object[] values = partitionValues.get(key(split.path()));
      if (values == null) {
        throw new IOException("Split " + split + " is not a file of this table");
      }
      FileFormat.SplitBatches batches = format.openBatches(split, required, filters, conf);
      ColumnVector[] constants = new ColumnVector[layout.length];
      for (int i = 0; i < layout.length; i++) {
        if (layout[i] < 0) {
          constants[i] = new ConstantColumnVector(types.get(i), values[-layout[i] - 1]);
        }
      }
      return new SplitReader<>() {
        @Override
        public long bytesRead() {
          return batches.bytesRead();
        }

        @Override
        public boolean hasNext() {
          return batches.hasNext();
        }

        @Override
        public ColumnBatch next() {
          ColumnBatch data = batches.next();
          // The scan counts each batch as one input record; count its rows instead.
          if (dev.weft.api.TaskContext.get()
              instanceof dev.weft.core.runtime.TaskContextImpl task) {
            task.metrics().inputRecords += data.numRows() - 1;
          }
          ColumnVector[] out = new ColumnVector[layout.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = layout[i] >= 0 ? data.column(layout[i]) : constants[i];
          }
          return new ColumnBatch(out, data.numRows());
        }

        @Override
        public void close() throws IOException {
          batches.close();
        }
      };
    }
  }
}
