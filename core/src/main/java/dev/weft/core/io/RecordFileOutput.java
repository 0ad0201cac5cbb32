package dev.weft.core.io;

import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.hdfs.HadoopConf;
import dev.weft.hdfs.output.OutputJob;
import dev.weft.hdfs.output.TaskFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;

/**
 * The task side of writing records as Avro or Parquet files: one file per partition value directory
 * ({@code country=DE/}) or a single file, all under the attempt's directory, committed only when
 * the driver authorizes this attempt. Partition columns stay in the records, so files read back
 * alone are complete.
 */
public final class RecordFileOutput {
  /** The directory name of a null partition value (Hive's and Spark's convention). */
  static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";

  private RecordFileOutput() {}

  /** The function each task of a record save runs; returns the records it wrote. */
  public static <T> TaskFunction<T, Long> writer(
      OutputJob job,
      PartWriterFactory format,
      List<String> partitionBy,
      Map<String, String> hadoopOverrides) {
    return (TaskContextImpl ctx, Iterator<T> records) -> {
      int partition = ctx.partitionId();
      int attempt = (int) ctx.taskAttemptId();
      Configuration conf = HadoopConf.withOverrides(hadoopOverrides);
      TaskFiles files = job.taskFiles(partition, attempt);
      // One file per partition directory and schema: records of different (evolved) schemas
      // never go through another schema's writer, which writes fields by position.
      Map<WriterKey, PartWriterFactory.PartWriter> writers = new LinkedHashMap<>();
      long count = 0;
      try {
        while (records.hasNext()) {
          GenericRecord record = asRecord(records.next());
          WriterKey key = new WriterKey(directoryOf(record, partitionBy), record.getSchema());
          PartWriterFactory.PartWriter w = writers.get(key);
          if (w == null) {
            w = format.open(files.newFile(key.dir(), format.extension()), key.schema(), conf);
            writers.put(key, w);
          }
          w.write(record);
          count++;
        }
        closeAll(writers, ctx);
      } catch (Exception e) {
        try {
          closeAll(writers, ctx);
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
        job.abortTask(partition, attempt);
        throw e;
      }
      if (!TaskCommit.commit(job, ctx, partition, attempt)) {
        return 0L; // an earlier attempt of this partition committed its output already
      }
      ctx.metrics().outputRecords += count;
      return count;
    };
  }

  private static GenericRecord asRecord(Object record) {
    if (record instanceof GenericRecord r) {
      return r;
    }
    throw new IllegalArgumentException(
        "Avro and Parquet output need Avro records (GenericRecord), got "
            + (record == null ? "null" : record.getClass().getName()));
  }

  /** A writer's identity: its partition directory and the schema of its records. */
  private record WriterKey(String dir, Schema schema) {}

  private static void closeAll(
      Map<WriterKey, PartWriterFactory.PartWriter> writers, TaskContextImpl ctx)
      throws IOException {
    IOException first = null;
    for (PartWriterFactory.PartWriter w : writers.values()) {
      try {
        w.close();
        ctx.metrics().outputBytes += w.bytesWritten();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    writers.clear();
    if (first != null) {
      throw first;
    }
  }

  /** {@code col1=v1/col2=v2} for the record's partition values, escaped for paths. */
  static String directoryOf(GenericRecord record, List<String> partitionBy) {
    if (partitionBy.isEmpty()) {
      return "";
    }
    StringBuilder dir = new StringBuilder();
    Schema schema = record.getSchema();
    for (String column : partitionBy) {
      if (schema.getField(column) == null) {
        throw new IllegalArgumentException(
            "Partition column '"
                + column
                + "' is not a field of the records ("
                + schema.getFullName()
                + ")");
      }
      Object value = record.get(column);
      if (dir.length() > 0) {
        dir.append('/');
      }
      dir.append(escape(column))
          .append('=')
          .append(value == null ? NULL_VALUE : escape(value.toString()));
    }
    return dir.toString();
  }

  /** Percent-encodes every byte outside letters, digits, {@code -}, {@code _} and {@code .}. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.length() == 0 ? "%00" : out.toString();
  }
}
