package dev.weft.sql.sources;

import dev.weft.core.io.TaskCommit;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.hdfs.output.OutputJob;
import dev.weft.hdfs.output.TaskFiles;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The task side of writing a DataFrame as files of any format: rows are routed to one file per
 * partition directory ({@code col=value/}, Spark's escaping, {@code __HIVE_DEFAULT_PARTITION__} for
 * null), the partition columns left out of the files as Spark does, and the attempt's files are
 * committed only when the driver authorizes the attempt.
 */
public final class PartitionedTaskWriter {
  private PartitionedTaskWriter() {}

  /** The columns of {@code schema} that go into the files: all but the partition columns. */
  public static StructType dataSchema(StructType schema, List<String> partitionBy) {
    int[] partIdx = partitionIndexes(schema, partitionBy);
    List<StructField> dataFields = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      if (!contains(partIdx, i)) {
        dataFields.add(schema.field(i));
      }
    }
    return StructType.of(dataFields);
  }

  /**
   * The task function of a save of rows of {@code schema}.
   *
   * @param files the format's file writers for the data columns ({@link #dataSchema})
   */
  public static TaskFunction<InternalRow, Long> writer(
      OutputJob job,
      StructType schema,
      List<String> partitionBy,
      RowFileWriter.Factory files,
      Map<String, String> hadoopOverrides) {
    int[] partIdx = partitionIndexes(schema, partitionBy);
    List<Integer> dataIdx = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      if (!contains(partIdx, i)) {
        dataIdx.add(i);
      }
    }
    RowFileWriter.Factory factory = files;
    List<String> names = List.copyOf(partitionBy);
    return (TaskContextImpl ctx, Iterator<InternalRow> rows) -> {
      int partition = ctx.partitionId();
      int attempt = (int) ctx.taskAttemptId();
      Configuration conf = new Configuration();
      hadoopOverrides.forEach(conf::set);
      TaskFiles taskFiles = job.taskFiles(partition, attempt);
      Map<String, RowFileWriter> writers = new LinkedHashMap<>();
      long count = 0;
      try {
        while (rows.hasNext()) {
          InternalRow row = rows.next();
          String dir = directory(row, partIdx, names, schema);
          RowFileWriter w = writers.get(dir);
          if (w == null) {
            w =
                factory.create(
                    taskFiles.newFile(dir, factory.extension()), taskFiles.fileSystem(), conf);
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

  private static int[] partitionIndexes(StructType schema, List<String> partitionBy) {
    int[] partIdx = new int[partitionBy.size()];
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
    return partIdx;
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static void closeAll(Map<String, RowFileWriter> writers) throws IOException {
    IOException first = null;
    for (RowFileWriter w : writers.values()) {
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
