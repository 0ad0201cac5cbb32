package dev.weft.sql.sources.parquet;

import dev.weft.core.io.TaskCommit;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.hdfs.output.OutputJob;
import dev.weft.hdfs.output.TaskFiles;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.sources.PartitionDiscovery;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The task side of writing a DataFrame as Parquet: rows are routed to one file per partition
 * directory ({@code col=value/}, Spark's escaping, {@code __HIVE_DEFAULT_PARTITION__} for null),
 * the partition columns left out of the files as Spark does, and the attempt's files are committed
 * only when the driver authorizes the attempt.
 */
public final class ParquetTaskWriter {
  private ParquetTaskWriter() {}

  /** The task function of a Parquet save of rows of {@code schema}. */
  public static TaskFunction<InternalRow, Long> writer(
      OutputJob job,
      StructType schema,
      List<String> partitionBy,
      CompressionCodecName codec,
      Map<String, String> hadoopOverrides) {
    int[] partIdx = new int[partitionBy.size()];
    List<Integer> dataIdx = new ArrayList<>();
    List<StructField> dataFields = new ArrayList<>();
    for (int i = 0; i < partIdx.length; i++) {
      partIdx[i] = schema.indexOf(partitionBy.get(i));
      if (partIdx[i] < 0) {
        throw new IllegalArgumentException(
            "Partition column '"
                + partitionBy.get(i)
                + "' is not a column of "
                + schema.simpleString());
      }
    }
    for (int i = 0; i < schema.size(); i++) {
      final int at = i;
      if (java.util.Arrays.stream(partIdx).noneMatch(p -> p == at)) {
        dataIdx.add(i);
        dataFields.add(schema.field(i));
      }
    }
    StructType dataSchema = StructType.of(dataFields);
    String extension =
        (codec == CompressionCodecName.UNCOMPRESSED ? "" : codec.getExtension()) + ".parquet";
    return (TaskContextImpl ctx, Iterator<InternalRow> rows) -> {
      int partition = ctx.partitionId();
      int attempt = (int) ctx.taskAttemptId();
      Configuration conf = new Configuration();
      hadoopOverrides.forEach(conf::set);
      TaskFiles files = job.taskFiles(partition, attempt);
      Map<String, ParquetWriter<InternalRow>> writers = new LinkedHashMap<>();
      long count = 0;
      try {
        while (rows.hasNext()) {
          InternalRow row = rows.next();
          String dir = directory(row, partIdx, partitionBy, schema);
          ParquetWriter<InternalRow> w = writers.get(dir);
          if (w == null) {
            w = open(files.newFile(dir, extension), dataSchema, codec, conf);
            writers.put(dir, w);
          }
          Object[] data = new Object[dataIdx.size()];
          for (int i = 0; i < data.length; i++) {
            data[i] = row.get(dataIdx.get(i));
          }
          w.write(new InternalRow(data));
          count++;
        }
        closeAll(writers);
      } catch (Exception e) {
        try {
          closeAll(writers);
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
        job.abortTask(partition, attempt);
        throw e;
      }
      if (!TaskCommit.commit(job, ctx, partition, attempt)) {
        return 0L;
      }
      ctx.metrics().outputRecords += count;
      return count;
    };
  }

  private static ParquetWriter<InternalRow> open(
      Path file, StructType schema, CompressionCodecName codec, Configuration conf)
      throws IOException {
    return new Builder(file, schema)
        .withConf(conf)
        .withCompressionCodec(codec)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .build();
  }

  private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
    private final StructType schema;

    Builder(Path file, StructType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }

  private static void closeAll(Map<String, ParquetWriter<InternalRow>> writers) throws IOException {
    IOException first = null;
    for (ParquetWriter<InternalRow> w : writers.values()) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    writers.clear();
    if (first != null) {
      throw first;
    }
  }

  /** {@code col1=v1/col2=v2} of the row's partition values, escaped as Spark escapes them. */
  static String directory(InternalRow row, int[] partIdx, List<String> names, StructType schema) {
    StringBuilder dir = new StringBuilder();
    for (int i = 0; i < partIdx.length; i++) {
      Object v = row.get(partIdx[i]);
      if (i > 0) {
        dir.append('/');
      }
      String text =
          v == null
              ? PartitionDiscovery.DEFAULT_PARTITION_NAME
              : escape(
                  String.valueOf(
                      InternalValues.toExternal(v, schema.field(partIdx[i]).dataType())));
      dir.append(escape(names.get(i))).append('=').append(text);
    }
    return dir.toString();
  }

  /**
   * Spark's escaping of path names: control characters, quote, hash, percent, star, slash, colon,
   * equals, question mark, backslash, braces, brackets and caret as %XX.
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
        b.append('%').append(String.format("%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
