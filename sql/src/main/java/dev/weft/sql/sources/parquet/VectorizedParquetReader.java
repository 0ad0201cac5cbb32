package dev.weft.sql.sources.parquet;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.parquet.CountingInputFile;
import dev.weft.hdfs.parquet.ParquetReadMetrics;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.StructType;
import dev.weft.sql.vector.ColumnBatch;
import dev.weft.sql.vector.ColumnVector;
import dev.weft.sql.vector.ConstantColumnVector;
import dev.weft.sql.vector.HeapColumnVector;
import dev.weft.sql.vector.ObjectColumnVector;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads one split of a Parquet file of flat columns as {@link ColumnBatch}es of the requested
 * columns, decoding each column chunk straight into primitive vectors (dictionary and plain pages,
 * nulls from definition levels). The same row groups are read as by {@link ParquetRowReader}:
 * pruned by the filters (statistics, dictionaries, page indexes) and by column; but records within
 * the kept pages are not filtered, which the engine does above the scan. A requested column the
 * file lacks reads as a null vector.
 *
 * <p>Not thread-safe. Each batch has fresh vectors, so batches and their row views stay valid.
 */
public final class VectorizedParquetReader implements Iterator<ColumnBatch>, Closeable {
  /** Rows per batch, as Spark's default {@code spark.sql.parquet.columnarReaderBatchSize}. */
  public static final int DEFAULT_BATCH_SIZE = 4096;

  private final FileSplit split;
  private final CountingInputFile input;
  private final ParquetFileReader reader;
  private final StructType required;
  private final MessageType requested;
  private final String createdBy;
  private final ColumnDecoder[] decoders;
  private final int batchSize;
  private final int rowGroupsInSplit;
  private final int rowGroupsMatching;

  private long rowsLeftInGroup;
  private int rowGroupsRead;
  private long returned;
  private boolean exhausted;
  private boolean closed;

  /** Whether every column of {@code required} can be read into vectors (no nested columns). */
  public static boolean supports(StructType required) {
    for (int i = 0; i < required.size(); i++) {
      if (!ColumnVector.isSupported(required.field(i).dataType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Opens the split's file and binds the requested columns and the filters to its schema.
   *
   * @param required the columns to return, in this order, with the table's types; all flat
   * @param filters filters on the table's columns; used to skip row groups and pages
   */
  public VectorizedParquetReader(
      FileSplit split,
      StructType required,
      List<SourceFilter> filters,
      Configuration conf,
      int batchSize)
      throws IOException {
    if (!supports(required)) {
      throw new IllegalArgumentException(
          "Nested columns cannot be read into column vectors: " + required.simpleString());
    }
    this.split = split;
    this.required = required;
    this.batchSize = batchSize;
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
                input,
                ParquetRowReader.options(conf, file, split.start(), end, FilterCompat.NOOP),
                stream);
      } catch (RuntimeException e) {
        throw new IOException("Not a readable Parquet file " + file + ": " + e.getMessage(), e);
      }
      MessageType fileSchema = footer.getFileMetaData().getSchema();
      this.requested = ParquetRowReader.requestedSchema(fileSchema, required, file);
      FilterCompat.Filter filter =
          ParquetFilters.convert(filters, fileSchema)
              .map(FilterCompat::get)
              .orElse(FilterCompat.NOOP);
      opened =
          new ParquetFileReader(
              input,
              footer,
              ParquetRowReader.options(conf, file, split.start(), end, filter),
              stream);
      opened.setRequestedSchema(requested);
      this.rowGroupsInSplit = footer.getBlocks().size();
      this.rowGroupsMatching = opened.getRowGroups().size();
      this.createdBy = footer.getFileMetaData().getCreatedBy();
      this.decoders = new ColumnDecoder[required.size()];
      for (ColumnDescriptor c : requested.getColumns()) {
        String name = c.getPath()[0];
        int at = required.indexOf(name);
        decoders[at] = new ColumnDecoder(c, required.field(at).dataType(), file);
      }
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
    if (exhausted || closed) {
      return false;
    }
    try {
      if (rowsLeftInGroup == 0 && !nextRowGroup()) {
        exhausted = true;
        close();
        return false;
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Failed to read Parquet file " + split.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ColumnBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more rows in split " + split);
    }
    int n = (int) Math.min(batchSize, rowsLeftInGroup);
    ColumnVector[] columns = new ColumnVector[decoders.length];
    for (int i = 0; i < columns.length; i++) {
      DataType type = required.field(i).dataType();
      if (decoders[i] == null) {
        columns[i] = ConstantColumnVector.nulls(type);
      } else {
        HeapColumnVector v = new HeapColumnVector(type, n);
        decoders[i].read(v, n);
        columns[i] = v;
      }
    }
    rowsLeftInGroup -= n;
    returned += n;
    return new ColumnBatch(columns, n);
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
    PrimitiveConverter[] converters = new PrimitiveConverter[requested.getFieldCount()];
    for (ColumnDecoder d : decoders) {
      if (d != null) {
        converters[requested.getFieldIndex(d.column.getPath()[0])] = d.newConverter();
      }
    }
    ColumnReadStoreImpl store =
        new ColumnReadStoreImpl(pages, new RootConverter(converters), requested, createdBy);
    for (ColumnDecoder d : decoders) {
      if (d != null) {
        d.bind(store.getColumnReader(d.column));
      }
    }
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

  /**
   * The root converter the column readers require. Values are taken from the readers directly
   * (decoded from dictionaries by the readers), except for strings and binaries, whose dictionary
   * ids reach a {@link DictionaryConverter}.
   */
  private static final class RootConverter extends GroupConverter {
    private final PrimitiveConverter[] fields;

    RootConverter(PrimitiveConverter[] fields) {
      this.fields = fields;
    }

    @Override
    public Converter getConverter(int i) {
      return fields[i];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }

  /**
   * Receives the values of a string or binary column chunk: ids of dictionary-encoded pages into a
   * dictionary decoded once per chunk (so a string is decoded once per distinct value), bytes of
   * plain pages.
   */
  private static final class DictionaryConverter extends PrimitiveConverter {
    private final DataType type;
    private ObjectColumnVector dictionary;
    HeapColumnVector target;
    int row;

    DictionaryConverter(DataType type) {
      this.type = type;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary d) {
      dictionary = new ObjectColumnVector(type, d.getMaxId() + 1);
      boolean string = type.kind() == DataType.Kind.STRING;
      for (int i = 0; i <= d.getMaxId(); i++) {
        Binary b = d.decodeToBinary(i);
        dictionary.put(i, string ? b.toStringUsingUTF8() : b.getBytes());
      }
    }

    @Override
    public void addValueFromDictionary(int id) {
      if (target.dictionary() != dictionary) {
        target.useDictionary(dictionary);
      }
      target.putDictionaryId(row, id);
    }

    @Override
    public void addBinary(Binary b) {
      ByteBuffer buf = b.toByteBuffer();
      if (buf.hasArray()) {
        target.putBytes(row, buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
      } else {
        byte[] bytes = b.getBytes();
        target.putBytes(row, bytes, 0, bytes.length);
      }
    }
  }

  /** Reads one column chunk into vectors, converting as the row reader does. */
  private static final class ColumnDecoder {
    final ColumnDescriptor column;
    private final DataType type;
    private final int maxDefinition;
    private final ValueConversion conversion;
    private final boolean bytes;
    private ColumnReader reader;
    private DictionaryConverter dictionary;

    ColumnDecoder(ColumnDescriptor column, DataType type, String file) {
      this.column = column;
      this.type = type;
      this.maxDefinition = column.getMaxDefinitionLevel();
      PrimitiveType p = column.getPrimitiveType();
      this.conversion = ValueConversion.of(p, type, file);
      this.bytes = type.kind() == DataType.Kind.STRING || type.kind() == DataType.Kind.BINARY;
    }

    /** The converter for a new row group's reader of this column. */
    PrimitiveConverter newConverter() {
      dictionary = bytes ? new DictionaryConverter(type) : null;
      return bytes ? dictionary : new PrimitiveConverter() {};
    }

    void bind(ColumnReader r) {
      this.reader = r;
    }

    void read(HeapColumnVector v, int n) {
      ColumnReader r = reader;
      if (dictionary != null) {
        DictionaryConverter d = dictionary;
        d.target = v;
        for (int i = 0; i < n; i++) {
          if (r.getCurrentDefinitionLevel() < maxDefinition) {
            v.putNull(i);
          } else {
            d.row = i;
            r.writeCurrentValueToConverter();
          }
          r.consume();
        }
        return;
      }
      if (maxDefinition == 0) {
        for (int i = 0; i < n; i++) {
          conversion.put(r, v, i);
          r.consume();
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (r.getCurrentDefinitionLevel() < maxDefinition) {
            v.putNull(i);
          } else {
            conversion.put(r, v, i);
          }
          r.consume();
        }
      }
    }
  }
}
