package dev.weft.core.driver;

import dev.weft.api.LongAccumulator;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.io.FileScanNode;
import dev.weft.core.io.Formats;
import dev.weft.core.io.SplitReaderFactory;
import dev.weft.core.plan.ParallelCollectionNode;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.RangeNode;
import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.UserPathException;
import dev.weft.hdfs.avro.AvroFiles;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.InputPartition;
import dev.weft.hdfs.input.SplitPlanner;
import dev.weft.hdfs.parquet.ParquetScan;
import dev.weft.hdfs.parquet.ParquetSplitReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;

/**
 * The sources of datasets, as plan nodes: local collections, ranges, and file scans (text, Avro,
 * Parquet) over input planned along HDFS blocks, so each partition prefers its blocks' hosts. File
 * formats whose records carry a schema have it checked and registered on the driver before any task
 * runs. User errors (a missing path, a schema that does not fit) become one-line {@link
 * IllegalArgumentException}s.
 */
public final class Sources {
  private final DriverRuntime driver;
  private final LongAccumulator corruptFilesSkipped;

  Sources(DriverRuntime driver) {
    this.driver = driver;
    this.corruptFilesSkipped = driver.register(new LongAccumulator(), "corrupt files skipped");
  }

  /** The elements of {@code data}, cut into {@code numPartitions} slices in order. */
  public <T> PlanNode<T> parallelize(List<T> data, int numPartitions) {
    driver.checkOpen();
    return new ParallelCollectionNode<>(
        driver.newNodeId(), data, numPartitions, driver.serializer());
  }

  /** The numbers {@code start, start+step, ...} before {@code end}, in {@code numPartitions}. */
  public PlanNode<Long> range(long start, long end, long step, int numPartitions) {
    driver.checkOpen();
    return new RangeNode(driver.newNodeId(), start, end, step, numPartitions);
  }

  /** The lines of text files (a file, directory or glob). */
  public FileScanNode<String> textFile(String path, int minPartitions) {
    driver.checkOpen();
    return fileScan("textFile", planInput(List.of(path), minPartitions, false), Formats.text());
  }

  /**
   * The records of Avro container files, with {@code readerSchema} or, when null, each file's own
   * schema; the first readable file is checked against it on the driver.
   */
  public FileScanNode<GenericRecord> avro(String path, Schema readerSchema) {
    driver.checkOpen();
    List<InputPartition> partitions = planInput(List.of(path), driver.defaultParallelism(), true);
    registerAvroSchema(partitions, readerSchema);
    return fileScan(
        "avro", partitions, Formats.avro(readerSchema == null ? null : readerSchema.toString()));
  }

  /** The records of Avro container files as instances of a generated class. */
  public <T extends SpecificRecord> FileScanNode<T> avro(String path, Class<T> recordClass) {
    driver.checkOpen();
    List<InputPartition> partitions = planInput(List.of(path), driver.defaultParallelism(), true);
    registerAvroSchema(partitions, SpecificData.get().getSchema(recordClass));
    return fileScan("avro", partitions, Formats.avro(recordClass));
  }

  /** A Parquet scan over planned input, checked against its first file on the driver. */
  public FileScanNode<GenericRecord> parquet(List<InputPartition> partitions, ParquetScan scan) {
    checkParquetScan(partitions, scan);
    return fileScan("parquet", partitions, Formats.parquet(scan));
  }

  /**
   * Checks a Parquet scan against the first file on the driver, so a projection or predicate that
   * does not fit fails before any task runs, and registers the records' schema.
   */
  public void checkParquetScan(List<InputPartition> partitions, ParquetScan scan) {
    if (partitions.isEmpty()) {
      return;
    }
    Configuration conf = driver.hadoopConfiguration();
    try (ParquetSplitReader reader =
        new ParquetSplitReader(partitions.get(0).splits().get(0), scan, conf)) {
      driver.serializer().avroSchemas().register(reader.schema());
    } catch (CorruptFileException e) {
      if (e.skippable() && ignoreCorrupt()) {
        return; // the scan skips it too
      }
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * Reads the schema of the first readable file on the driver: checks that {@code readerSchema} can
   * read it (failing before any task runs) and registers the records' schema.
   */
  private void registerAvroSchema(List<InputPartition> partitions, Schema readerSchema) {
    Configuration conf = driver.hadoopConfiguration();
    for (InputPartition partition : partitions) {
      for (FileSplit split : partition.splits()) {
        try {
          Schema schema =
              readerSchema != null
                  ? AvroFiles.checkReaderSchema(split.path(), readerSchema, conf)
                  : AvroFiles.readSchema(split.path(), conf);
          driver.serializer().avroSchemas().register(readerSchema != null ? readerSchema : schema);
          return;
        } catch (CorruptFileException e) {
          if (!(ignoreCorrupt() && e.skippable())) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(
              "Cannot read the schema of " + split.path() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private boolean ignoreCorrupt() {
    return driver.config().get(CoreConfig.FILES_IGNORE_CORRUPT);
  }

  /** How many corrupt files scans skipped so far ({@code weft.files.ignoreCorrupt}). */
  public long corruptFilesSkipped() {
    return corruptFilesSkipped.sum();
  }

  /**
   * A scan node over {@code partitions} reading each split with {@code format}: each partition
   * prefers the hosts of its blocks; corrupt files are skipped or fail the task as {@code
   * weft.files.ignoreCorrupt} says.
   *
   * @param operation the name shown for the node (e.g. {@code "parquet"})
   */
  public <T> FileScanNode<T> fileScan(
      String operation, List<InputPartition> partitions, SplitReaderFactory<T> format) {
    return new FileScanNode<>(
        driver.newNodeId(),
        operation,
        partitions,
        format,
        driver.hadoopOverrides(),
        ignoreCorrupt(),
        corruptFilesSkipped);
  }

  /**
   * Splits the input at {@code paths} (files, directories or globs) into partitions: files are cut
   * into splits of at most {@code weft.files.maxPartitionBytes} along HDFS blocks and small files
   * are packed together (each costing {@code weft.files.openCostInBytes}), into at least {@code
   * minPartitions}; hidden files ({@code _*}, {@code .*}) are skipped.
   *
   * @param recursive whether directories are read with their sub-directories, as partitioned output
   *     ({@code country=DE/...}) needs
   * @throws IllegalArgumentException naming the path when it does not exist
   * @throws UncheckedIOException when the file system cannot be listed
   */
  public List<InputPartition> planInput(List<String> paths, int minPartitions, boolean recursive) {
    try {
      return new SplitPlanner(driver.hadoopConfiguration())
          .withMaxSplitSize(driver.config().get(CoreConfig.FILES_MAX_PARTITION_BYTES))
          .withOpenCost(driver.config().get(CoreConfig.FILES_OPEN_COST))
          .withRecursive(recursive)
          .planPartitions(paths, minPartitions);
    } catch (UserPathException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list input " + String.join(", ", paths) + ": " + e.getMessage(), e);
    }
  }
}
