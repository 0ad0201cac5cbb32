package dev.weft.hdfs.parquet;

import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.input.FileSplit;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Reads the records of one {@link FileSplit} of a Parquet file as Avro {@link GenericRecord}s, with
 * the projection and predicate of a {@link ParquetScan}.
 *
 * <p><b>Splits.</b> A split owns the row groups whose midpoint lies in its byte range, so every row
 * group is read by exactly one split however the file is cut, and a split that owns none returns
 * nothing. Whole-file splits own every row group.
 *
 * <p><b>Projection.</b> Only the projected columns' chunks are read, plus those of the top-level
 * fields the predicate needs; the records returned hold the projected fields only, in the order
 * given.
 *
 * <p><b>Pushdown.</b> The predicate is bound to the file's own schema and handed to Parquet, which
 * skips the row groups that its statistics, dictionaries, bloom filters and page indexes rule out,
 * and returns only the records that match. Page checksums are verified unless {@code
 * parquet.page.verify-checksum.enabled} is set to false, so that a damaged page fails rather than
 * yielding wrong values.
 *
 * <p><b>Errors.</b> A file that is missing is a {@link java.io.FileNotFoundException}; a file that
 * is not Parquet, is truncated, has a damaged page or lacks a projected or filtered column is a
 * {@link CorruptFileException} with a one-line message naming the file (while iterating too). Other
 * I/O failures while iterating are {@link UncheckedIOException}s naming the file.
 *
 * <p>Counters for the engine are in {@link #metrics()}: records returned, bytes actually read from
 * the file (counted on the stream, so footer, dictionary, index and column chunk reads all count
 * and nothing else does), and the split's row groups read and skipped. To count row groups exactly,
 * the reader drives Parquet's {@link ParquetFileReader} and parquet-avro's record materializer
 * itself rather than through {@code AvroParquetReader}, which hides which row groups it skipped;
 * the range, filter levels and record assembly are Parquet's own.
 *
 * <p>Not thread-safe.
 *
 * <pre>{@code
 * ParquetScan scan = ParquetScan.all().withColumns("id", "age").withPredicate(col("age").gt(25));
 * try (ParquetSplitReader reader = new ParquetSplitReader(split, scan, conf)) {
 *   while (reader.hasNext()) consume(reader.next());
 *   report(reader.metrics());
 * }
 * }</pre>
 */
public final class ParquetSplitReader implements Iterator<GenericRecord>, Closeable {
  /** Parquet's key for verifying page checksums; Weft turns it on unless it is set. */
  public static final String VERIFY_CHECKSUMS_KEY = "parquet.page.verify-checksum.enabled";

  private final FileSplit split;
  private final CountingInputFile input;
  private final ParquetFileReader reader;
  private final ReadSchemas schemas;
  private final FilterCompat.Filter filter;
  private final MessageColumnIO columnIO;
  private final RecordMaterializer<GenericRecord> materializer;
  private final int rowGroupsInSplit;
  private final int rowGroupsMatching;

  private RecordReader<GenericRecord> rows;
  private long rowsLeftInGroup;
  private int rowGroupsRead;
  private long recordsReturned;
  private GenericRecord next;
  private boolean exhausted;
  private boolean closed;

  /**
   * Opens the split's file, reads its footer and binds the scan to the file's schema.
   *
   * @param split the split to read
   * @param scan the columns and records to read
   * @param conf the Hadoop configuration used to reach the file system and to read Parquet
   * @throws java.io.FileNotFoundException if the file does not exist
   * @throws CorruptFileException if the file is not Parquet, is truncated, its footer is damaged,
   *     or it lacks a column the scan names or has one of a type the predicate cannot compare with
   */
  public ParquetSplitReader(FileSplit split, ParquetScan scan, Configuration conf)
      throws IOException {
    this.split = split;
    String file = split.path();
    this.input = new CountingInputFile(Footers.inputFile(file, conf));
    long end = split.wholeFile() ? input.getLength() : split.end();
    SeekableInputStream stream = input.newStream();
    ParquetFileReader opened = null;
    try {
      ParquetReadOptions range = options(conf, file, split.start(), end, FilterCompat.NOOP);
      ParquetMetadata footer = Footers.read(input, range, stream, file);
      FileMetaData meta = footer.getFileMetaData();
      this.schemas = ReadSchemas.of(meta.getSchema(), ParquetSchemas.avroSchema(meta), scan, file);
      this.filter =
          scan.predicate()
              .map(p -> FilterCompat.get(p.toFilter(meta.getSchema(), file)))
              .orElse(FilterCompat.NOOP);
      opened =
          new ParquetFileReader(
              input, footer, options(conf, file, split.start(), end, filter), stream);
      opened.setRequestedSchema(schemas.requested());
      this.rowGroupsInSplit = footer.getBlocks().size();
      this.rowGroupsMatching = opened.getRowGroups().size();
      this.columnIO =
          new ColumnIOFactory(meta.getCreatedBy())
              .getColumnIO(schemas.requested(), meta.getSchema(), true);
      this.materializer = materializer(conf, meta, schemas);
      this.reader = opened;
    } catch (IOException | RuntimeException e) {
      if (opened != null) {
        opened.close();
      } else {
        stream.close();
      }
      throw e;
    }
  }

  private static ParquetReadOptions options(
      Configuration conf, String file, long start, long end, FilterCompat.Filter filter) {
    return HadoopReadOptions.builder(conf, new Path(file))
        .withRange(start, end)
        .withRecordFilter(filter)
        .usePageChecksumVerification(conf.getBoolean(VERIFY_CHECKSUMS_KEY, true))
        .build();
  }

  /**
   * The materializer of generic records of the read schema, from the columns read: parquet-avro's
   * for a file parquet-avro wrote (its stored Avro schema says how to read it back), else Weft's,
   * which reads the layouts of Spark, Hive and Impala with every value's type kept.
   */
  private static RecordMaterializer<GenericRecord> materializer(
      Configuration conf, FileMetaData meta, ReadSchemas schemas) {
    if (ParquetSchemas.storedAvroSchema(meta) == null) {
      return new GenericRecordMaterializer(schemas.requested(), schemas.read());
    }
    Configuration readConf = new Configuration(conf);
    AvroReadSupport.setAvroReadSchema(readConf, schemas.read());
    AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
    Map<String, String> keyValues = meta.getKeyValueMetaData();
    Map<String, Set<String>> keyValueSets =
        keyValues.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> Collections.singleton(e.getValue())));
    ReadSupport.ReadContext init =
        support.init(new InitContext(readConf, keyValueSets, meta.getSchema()));
    ReadSupport.ReadContext context =
        new ReadSupport.ReadContext(schemas.requested(), init.getReadSupportMetadata());
    return support.prepareForRead(readConf, keyValues, meta.getSchema(), context);
  }

  /** The split this reader reads. */
  public FileSplit split() {
    return split;
  }

  /** The Avro schema of the records returned: the projection of the file's schema. */
  public Schema schema() {
    return schemas.output();
  }

  /** The counters of this reader so far; complete once it is exhausted. */
  public ParquetReadMetrics metrics() {
    int skipped = rowGroupsInSplit - rowGroupsMatching;
    if (exhausted) {
      // Page indexes may rule out a row group the statistics kept, as the reader reaches it.
      skipped += rowGroupsMatching - rowGroupsRead;
    }
    return new ParquetReadMetrics(
        recordsReturned, input.bytesRead(), rowGroupsInSplit, rowGroupsRead, skipped);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !exhausted) {
      next = readMatchingRecord();
      if (next == null) {
        exhausted = true;
        closeAtEnd();
      }
    }
    return next != null;
  }

  @Override
  public GenericRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more records in split " + split);
    }
    GenericRecord record = next;
    next = null;
    recordsReturned++;
    return record;
  }

  /** The next record that matches the predicate, in the output schema, or null at the end. */
  private GenericRecord readMatchingRecord() {
    if (closed) {
      return null;
    }
    try {
      while (true) {
        if (rowsLeftInGroup == 0 && !nextRowGroup()) {
          return null;
        }
        rowsLeftInGroup--;
        GenericRecord record = rows.read();
        if (record != null && !rows.shouldSkipCurrentRecord()) {
          return schemas.toOutput(record);
        }
      }
    } catch (IOException e) {
      if (Footers.isCorruption(e)) {
        throw corruptData(e);
      }
      throw new UncheckedIOException(
          "Failed to read Parquet file " + split.path() + ": " + Footers.firstLine(e), e);
    } catch (CorruptFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw corruptData(e);
    }
  }

  /** Moves to the next row group the filter does not rule out; false when there is none. */
  private boolean nextRowGroup() throws IOException {
    PageReadStore pages = reader.readNextFilteredRowGroup();
    while (pages != null && pages.getRowCount() == 0) {
      pages = reader.readNextFilteredRowGroup();
    }
    if (pages == null) {
      return false;
    }
    rowGroupsRead++;
    rows = columnIO.getRecordReader(pages, materializer, filter);
    rowsLeftInGroup = pages.getRowCount();
    return true;
  }

  private CorruptFileException corruptData(Exception cause) {
    return new CorruptFileException(
        "Corrupt Parquet data in " + split.path() + ": " + Footers.firstLine(cause),
        split.path(),
        true,
        cause);
  }

  private void closeAtEnd() {
    try {
      close();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Failed to close Parquet file " + split.path() + ": " + e.getMessage(), e);
    }
  }

  /** Closes the file. Idempotent; the counters stay readable. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      reader.close();
    }
  }
}
