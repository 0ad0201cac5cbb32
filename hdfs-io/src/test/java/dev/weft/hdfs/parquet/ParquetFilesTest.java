package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.ParquetFixtures.CONF;
import static dev.weft.hdfs.parquet.ParquetFixtures.CUSTOMER;
import static dev.weft.hdfs.parquet.ParquetFixtures.customers;
import static dev.weft.hdfs.parquet.ParquetFixtures.ids;
import static dev.weft.hdfs.parquet.ParquetFixtures.writeWithParquetAvro;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.input.FileSplit;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of {@link ParquetFiles}: footers for planning and row-group-aligned splits. */
public class ParquetFilesTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final List<GenericRecord> records = customers(20_000, 100);

  @Test
  public void infoDescribesSchemaRowsAndRowGroups() throws IOException {
    Path path = write();

    ParquetFileInfo info = ParquetFiles.readInfo(path.toString(), CONF);

    assertEquals(CUSTOMER, info.avroSchema());
    assertEquals(
        List.of("id", "age", "name", "score", "active", "email", "segment", "address", "tags"),
        info.columns());
    assertEquals(records.size(), info.rowCount());
    assertEquals(path.getFileSystem(CONF).getFileStatus(path).getLen(), info.length());
    assertTrue(info.rowGroups().size() > 5);
    assertEquals(
        records.size(),
        info.rowGroups().stream().mapToLong(ParquetFileInfo.RowGroup::rowCount).sum());
    assertEquals(4, info.rowGroups().get(0).start());
  }

  @Test
  public void alignedSplitsStartAtRowGroupsAndEachReadsWholeRowGroups() throws IOException {
    Path path = write();
    ParquetFileInfo info = ParquetFiles.readInfo(path.toString(), CONF);
    Set<Long> rowGroupStarts =
        info.rowGroups().stream().map(ParquetFileInfo.RowGroup::start).collect(Collectors.toSet());

    for (long maxSplitSize : new long[] {1, 50_000, 150_000, Long.MAX_VALUE}) {
      List<FileSplit> splits = ParquetFiles.planSplits(path.toString(), maxSplitSize, CONF);
      List<Long> ids = new ArrayList<>();
      long expectedStart = 0;
      for (FileSplit split : splits) {
        assertEquals(expectedStart, split.start());
        assertTrue(split.start() == 0 || rowGroupStarts.contains(split.start()));
        expectedStart = split.end();
        List<GenericRecord> read =
            ParquetFixtures.read(split, ParquetScan.all().withColumns("id"), null);
        assertFalse("no empty split at max size " + maxSplitSize, read.isEmpty());
        ids.addAll(ids(read));
      }
      assertEquals(info.length(), expectedStart);
      assertEquals("max size " + maxSplitSize, ids(records), ids);
    }
    assertEquals(info.rowGroups().size(), ParquetFiles.planSplits(path.toString(), 1, CONF).size());
    assertEquals(1, ParquetFiles.planSplits(path.toString(), Long.MAX_VALUE, CONF).size());
  }

  private Path write() throws IOException {
    return writeWithParquetAvro(
        new File(tmp.getRoot(), "customers.parquet"), CUSTOMER, records, CompressionCodecName.ZSTD);
  }
}
