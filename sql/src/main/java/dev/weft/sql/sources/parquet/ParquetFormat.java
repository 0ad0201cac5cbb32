package dev.weft.sql.sources.parquet;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.FileFormat;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import dev.weft.sql.vector.ColumnBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet as a format of the structured layer. The schema comes from the first file's footer, or
 * with {@code mergeSchema=true} (Spark's option) from every file's footer, read in parallel and
 * merged: the union of the columns in order of appearance; a column whose type differs between two
 * files fails naming both files and the column.
 */
public final class ParquetFormat implements FileFormat {
  private static final long serialVersionUID = 1L;
  private static final int FOOTER_THREADS = 8;

  @Override
  public String shortName() {
    return "parquet";
  }

  @Override
  public StructType inferSchema(List<String> files, Configuration conf, Map<String, String> options)
      throws IOException {
    boolean merge = Boolean.parseBoolean(options.getOrDefault("mergeSchema", "false"));
    if (!merge) {
      return schemaOf(files.get(0), conf);
    }
    List<StructType> schemas = new ArrayList<>();
    if (files.size() == 1) {
      schemas.add(schemaOf(files.get(0), conf));
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(FOOTER_THREADS, files.size()));
      try {
        List<Future<StructType>> futures = new ArrayList<>();
        for (String f : files) {
          futures.add(pool.submit(() -> schemaOf(f, conf)));
        }
        for (Future<StructType> f : futures) {
          schemas.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted reading Parquet footers", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return merge(files, schemas);
  }

  /** The union of the files' columns; types must agree. */
  static StructType merge(List<String> files, List<StructType> schemas) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    Map<String, String> firstFile = new LinkedHashMap<>();
    for (int i = 0; i < schemas.size(); i++) {
      for (StructField f : schemas.get(i).fields()) {
        StructField seen = fields.get(f.name());
        if (seen == null) {
          fields.put(f.name(), f);
          firstFile.put(f.name(), files.get(i));
        } else if (!sameType(seen.dataType(), f.dataType())) {
          throw new IllegalArgumentException(
              "Cannot merge Parquet schemas: column "
                  + f.name()
                  + " is "
                  + seen.dataType().simpleString()
                  + " in "
                  + firstFile.get(f.name())
                  + " but "
                  + f.dataType().simpleString()
                  + " in "
                  + files.get(i));
        }
      }
    }
    return StructType.of(new ArrayList<>(fields.values()));
  }

  private static boolean sameType(DataType a, DataType b) {
    return a.simpleString().equals(b.simpleString());
  }

  /** The columns of one file, from its footer. */
  public static StructType schemaOf(String file, Configuration conf) {
    try (ParquetFileReader r =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      return ParquetTypes.toStructType(schema, file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the Parquet footer of " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException(
          "Not a readable Parquet file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public SplitRows open(
      FileSplit split, StructType required, List<SourceFilter> filters, Configuration conf)
      throws IOException {
    ParquetRowReader reader = new ParquetRowReader(split, required, filters, conf);
    return new SplitRows() {
      @Override
      public long bytesRead() {
        return reader.bytesRead();
      }

      @Override
      public boolean hasNext() {
        return reader.hasNext();
      }

      @Override
      public InternalRow next() {
        return reader.next();
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  @Override
  public boolean supportsBatches(StructType required) {
    return VectorizedParquetReader.supports(required);
  }

  @Override
  public SplitBatches openBatches(
      FileSplit split, StructType required, List<SourceFilter> filters, Configuration conf)
      throws IOException {
    VectorizedParquetReader reader =
        new VectorizedParquetReader(
            split, required, filters, conf, VectorizedParquetReader.DEFAULT_BATCH_SIZE);
    return new SplitBatches() {
      @Override
      public long bytesRead() {
        return reader.bytesRead();
      }

      @Override
      public boolean hasNext() {
        return reader.hasNext();
      }

      @Override
      public ColumnBatch next() {
        return reader.next();
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
