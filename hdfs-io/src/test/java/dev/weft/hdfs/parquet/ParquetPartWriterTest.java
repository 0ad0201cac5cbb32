package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.ParquetFixtures.CONF;
import static dev.weft.hdfs.parquet.ParquetFixtures.CUSTOMER;
import static dev.weft.hdfs.parquet.ParquetFixtures.customers;
import static dev.weft.hdfs.parquet.ParquetFixtures.readWithParquetAvro;
import static dev.weft.hdfs.parquet.ParquetFixtures.wholeFile;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of {@link ParquetPartWriter} and {@link ParquetWriteOptions}. */
public class ParquetPartWriterTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final List<GenericRecord> records = customers(5_000, 100);

  @Test
  public void outputIsReadBackExactlyByParquetAvroItself() throws IOException {
    Path path = write("part-00000.parquet", ParquetWriteOptions.defaults());

    assertEquals(records, readWithParquetAvro(path));
  }

  @Test
  public void everyCodecRoundTripsAndIsRecordedInTheFile() throws IOException {
    String[][] codecs = {
      {"snappy", "SNAPPY"},
      {"zstd", "ZSTD"},
      {"gzip", "GZIP"},
      {"none", "UNCOMPRESSED"},
      {"UNCOMPRESSED", "UNCOMPRESSED"}
    };
    for (String[] codec : codecs) {
      Path path =
          write(
              "part-" + codec[0] + ".parquet", ParquetWriteOptions.defaults().withCodec(codec[0]));

      assertEquals(
          codec[0], records, ParquetFixtures.read(wholeFile(path), ParquetScan.all(), null));
      assertEquals(codec[0], records, readWithParquetAvro(path));
      for (BlockMetaData block : footer(path).getBlocks()) {
        assertEquals(
            codec[0], CompressionCodecName.valueOf(codec[1]), block.getColumns().get(0).getCodec());
      }
    }
  }

  @Test
  public void rowGroupSizeIsHonoured() throws IOException {
    Path small =
        write(
            "small.parquet",
            ParquetWriteOptions.defaults().withPageSize(8 << 10).withRowGroupSize(64 << 10));
    Path large = write("large.parquet", ParquetWriteOptions.defaults());

    assertTrue(footer(small).getBlocks().size() > 3);
    assertEquals(1, footer(large).getBlocks().size());
  }

  @Test
  public void countersReportRecordsAndTheFileLength() throws IOException {
    Path path = new Path(new File(tmp.getRoot(), "counted.parquet").toURI());
    ParquetPartWriter writer =
        ParquetPartWriter.open(path, CUSTOMER, ParquetWriteOptions.defaults(), CONF);
    for (GenericRecord record : records) {
      writer.write(record);
    }
    writer.close();
    writer.close();

    assertEquals(records.size(), writer.recordsWritten());
    assertEquals(path.getFileSystem(CONF).getFileStatus(path).getLen(), writer.bytesWritten());
    assertThrows(IllegalStateException.class, () -> writer.write(records.get(0)));
  }

  @Test
  public void unknownCodecIsOneLineListingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ParquetWriteOptions.defaults().withCodec("brotli"));

    assertEquals(
        "Unknown Parquet compression codec 'brotli'; valid codecs are snappy, zstd, gzip, none,"
            + " uncompressed",
        e.getMessage());
  }

  private Path write(String name, ParquetWriteOptions options) throws IOException {
    Path path = new Path(new File(tmp.getRoot(), name).toURI());
    try (ParquetPartWriter writer = ParquetPartWriter.open(path, CUSTOMER, options, CONF)) {
      for (GenericRecord record : records) {
        writer.write(record);
      }
    }
    return path;
  }

  private static ParquetMetadata footer(Path path) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, CONF))) {
      return reader.getFooter();
    }
  }
}
