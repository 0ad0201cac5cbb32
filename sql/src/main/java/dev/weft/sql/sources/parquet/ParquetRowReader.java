package dev.weft.sql.sources.parquet;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.parquet.CountingInputFile;
import dev.weft.hdfs.parquet.ParquetReadMetrics;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.StructType;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads one split of a Parquet file as internal rows of the requested columns: only those columns'
 * chunks are read; the filters prune row groups (statistics, dictionaries, page indexes) and drop
 * non-matching records as they are assembled. A requested column the file lacks reads as null; a
 * column of another type than the table's fails with a message naming the file and the column.
 *
 * <p>Not thread-safe.
 */
public final class ParquetRowReader implements Iterator<InternalRow>, Closeable {
  private final FileSplit split;
  private final CountingInputFile input;
  private final ParquetFileReader reader;
  private final MessageColumnIO columnIO;
  private final FilterCompat.Filter filter;
  private final Materializer materializer;
  private final int rowGroupsInSplit;
  private final int rowGroupsMatching;

  private RecordReader<InternalRow> rows;
  private long rowsLeftInGroup;
  private int rowGroupsRead;
  private long returned;
  private InternalRow next;
  private boolean exhausted;
  private boolean closed;

  /**
   * Opens the split's file and binds the requested columns and the filters to its schema.
   *
   * @param required the columns to return, in this order, with the table's types
   * @param filters filters on the table's columns; those Parquet can evaluate are applied
   */
  public ParquetRowReader(
      FileSplit split, StructType required, List<SourceFilter> filters, Configuration conf)
      throws IOException {
    this.split = split;
    String file = split.path();
    this.input = new CountingInputFile(HadoopInputFile.fromPath(new Path(file), conf));
    long end = split.wholeFile() ? input.getLength() : split.end();
    SeekableInputStream stream = input.newStream();
    ParquetFileReader opened = null;
    try {
      ParquetMetadata footer;
      try {
        footer =
            ParquetFileReader.readFooter(
                input, options(conf, file, split.start(), end, FilterCompat.NOOP), stream);
      } catch (RuntimeException e) {
        throw new IOException("Not a readable Parquet file " + file + ": " + e.getMessage(), e);
      }
      MessageType fileSchema = footer.getFileMetaData().getSchema();
      MessageType requested = requestedSchema(fileSchema, required, file);
      this.filter =
          ParquetFilters.convert(filters, fileSchema)
              .map(FilterCompat::get)
              .orElse(FilterCompat.NOOP);
      opened =
          new ParquetFileReader(
              input, footer, options(conf, file, split.start(), end, filter), stream);
      opened.setRequestedSchema(requested);
      this.rowGroupsInSplit = footer.getBlocks().size();
      this.rowGroupsMatching = opened.getRowGroups().size();
      this.columnIO =
          new ColumnIOFactory(footer.getFileMetaData().getCreatedBy())
              .getColumnIO(requested, fileSchema, true);
      this.materializer = new Materializer(requested, required);
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

  static ParquetReadOptions options(
      Configuration conf, String file, long start, long end, FilterCompat.Filter filter) {
    return HadoopReadOptions.builder(conf, new Path(file))
        .withRange(start, end)
        .withRecordFilter(filter)
        .build();
  }

  /** The file's fields among the required ones, checking their types against the table's. */
  static MessageType requestedSchema(MessageType fileSchema, StructType required, String file) {
    List<Type> fields = new ArrayList<>();
    for (int i = 0; i < required.size(); i++) {
      String name = required.field(i).name();
      if (!fileSchema.containsField(name)) {
        continue;
      }
      Type t = fileSchema.getType(name);
      DataType inFile = ParquetTypes.field(t, file);
      DataType expected = required.field(i).dataType();
      if (!inFile.simpleString().equals(expected.simpleString())) {
        throw new IllegalArgumentException(
            "Parquet column "
                + name
                + " is "
                + inFile.simpleString()
                + " in file "
                + file
                + " but the table reads it as "
                + expected.simpleString());
      }
      fields.add(t);
    }
    return new MessageType(fileSchema.getName(), fields);
  }

  /** The counters so far; complete once the reader is exhausted. */
  public ParquetReadMetrics metrics() {
    int skipped = rowGroupsInSplit - rowGroupsMatching;
    if (exhausted) {
      skipped += rowGroupsMatching - rowGroupsRead;
    }
    return new ParquetReadMetrics(
        returned, input.bytesRead(), rowGroupsInSplit, rowGroupsRead, skipped);
  }

  /** The bytes read from the file so far. */
  public long bytesRead() {
    return input.bytesRead();
  }

  @Override
  public boolean hasNext() {
    if (next == null && !exhausted) {
      next = readMatching();
      if (next == null) {
        exhausted = true;
        try {
          close();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot close " + split.path(), e);
        }
      }
    }
    return next != null;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more rows in split " + split);
    }
    InternalRow r = next;
    next = null;
    returned++;
    return r;
  }

  private InternalRow readMatching() {
    if (closed) {
      return null;
    }
    try {
      while (true) {
        if (rowsLeftInGroup == 0 && !nextRowGroup()) {
          return null;
        }
        rowsLeftInGroup--;
        InternalRow row = rows.read();
        if (row != null && !rows.shouldSkipCurrentRecord()) {
          return row;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Failed to read Parquet file " + split.path() + ": " + e.getMessage(), e);
    }
  }

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

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      reader.close();
    }
  }

  /** Assembles rows of the required columns; those the file lacks stay null. */
  private static final class Materializer extends RecordMaterializer<InternalRow> {
    private final RowConverters.StructConverter root;
    private InternalRow current;

    Materializer(MessageType requested, StructType required) {
      int[] target = new int[requested.getFieldCount()];
      for (int i = 0; i < target.length; i++) {
        target[i] = required.indexOf(requested.getType(i).getName());
      }
      this.root =
          new RowConverters.StructConverter(
              requested, required, target, required.size(), v -> current = (InternalRow) v);
    }

    @Override
    public InternalRow getCurrentRecord() {
      return current;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }

    @Override
    public void skipCurrentRecord() {
      current = null;
    }
  }
}
