package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.ParquetFixtures.CONF;
import static dev.weft.hdfs.parquet.ParquetFixtures.CUSTOMER;
import static dev.weft.hdfs.parquet.ParquetFixtures.customers;
import static dev.weft.hdfs.parquet.ParquetFixtures.read;
import static dev.weft.hdfs.parquet.ParquetFixtures.wholeFile;
import static dev.weft.hdfs.parquet.ParquetFixtures.writeWithParquetAvro;
import static dev.weft.hdfs.parquet.ParquetPredicate.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.input.FileSplit;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of the errors of bad Parquet input: each is one line naming the file and saying
 * what is wrong, and says whether an engine skipping corrupt files may skip it.
 */
public class ParquetBadInputTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void fileThatIsNotParquetSaysSo() throws IOException {
    File text = tmp.newFile("notes.parquet");
    Files.writeString(text.toPath(), "id,name\n1,alice\n2,bob\n", StandardCharsets.UTF_8);
    Path path = new Path(text.toURI());

    assertCorrupt(
        path,
        "Not a Parquet file: " + path + " does not start with Parquet's magic bytes PAR1",
        true);
  }

  @Test
  public void fileTooShortForParquetSaysSo() throws IOException {
    File tiny = tmp.newFile("tiny.parquet");
    Files.write(tiny.toPath(), new byte[] {'P', 'A', 'R', '1'});
    Path path = new Path(tiny.toURI());

    assertCorrupt(
        path, "Not a Parquet file: " + path + " is 4 bytes long, too short for Parquet", true);
  }

  @Test
  public void truncatedFileSaysItsFooterIsMissing() throws IOException {
    Path path = customersFile("truncated.parquet", CompressionCodecName.SNAPPY);
    File file = new File(path.toUri());
    try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
      raf.setLength(raf.length() / 2);
    }
    deleteCrc(file);

    assertCorrupt(
        path,
        "Truncated Parquet file "
            + path
            + ": its footer is missing (it does not end with the magic bytes PAR1)",
        true);
  }

  @Test
  public void corruptPageFailsWhileReadingWithOneLineNamingTheFile() throws IOException {
    Path path = customersFile("corrupt.parquet", CompressionCodecName.SNAPPY);
    ColumnChunkMetaData name = firstChunkOf(path, "name");
    File file = new File(path.toUri());
    try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
      byte[] garbage = new byte[64];
      Arrays.fill(garbage, (byte) 0x5a);
      raf.seek(name.getFirstDataPageOffset() + 48);
      raf.write(garbage);
    }
    deleteCrc(file);

    try (ParquetSplitReader reader =
        new ParquetSplitReader(wholeFile(path), ParquetScan.all(), CONF)) {
      CorruptFileException e =
          assertThrows(
              CorruptFileException.class,
              () -> {
                while (reader.hasNext()) {
                  reader.next();
                }
              });
      assertTrue(
          e.getMessage(), e.getMessage().startsWith("Corrupt Parquet data in " + path + ": "));
      assertOneLine(e.getMessage());
      assertEquals(path.toString(), e.path());
      assertTrue(e.skippable());
    }
  }

  @Test
  public void projectionNamingAColumnTheFileLacksListsTheColumns() throws IOException {
    Path path = customersFile("customers.parquet", CompressionCodecName.SNAPPY);

    CorruptFileException e =
        assertThrows(
            CorruptFileException.class,
            () -> read(wholeFile(path), ParquetScan.all().withColumns("id", "phone"), null));

    assertEquals(
        "Parquet file "
            + path
            + " has no column phone to read; its columns are [id, age, name, score, active,"
            + " email, segment, address, tags]",
        e.getMessage());
    assertFalse(e.skippable());
  }

  @Test
  public void predicateOfTheWrongTypeNamesFileColumnAndTypes() throws IOException {
    Path path = customersFile("customers.parquet", CompressionCodecName.SNAPPY);

    CorruptFileException e =
        assertThrows(
            CorruptFileException.class,
            () -> read(wholeFile(path), ParquetScan.all().withPredicate(col("id").eq("7")), null));

    assertEquals(
        "Cannot filter Parquet file "
            + path
            + " on column id of type INT64: the string literal '7' cannot be compared with it",
        e.getMessage());
  }

  @Test
  public void missingFileIsFileNotFound() {
    String path = new File(tmp.getRoot(), "nope.parquet").toURI().toString();
    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () ->
                new ParquetSplitReader(
                    new FileSplit(path, 0, 100, new String[0], false), ParquetScan.all(), CONF));
    assertTrue(e.getMessage(), e.getMessage().startsWith("Input file does not exist: "));
  }

  private Path customersFile(String name, CompressionCodecName codec) throws IOException {
    return writeWithParquetAvro(
        new File(tmp.getRoot(), name), CUSTOMER, customers(3_000, 100), codec);
  }

  private static ColumnChunkMetaData firstChunkOf(Path path, String column) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, CONF))) {
      ParquetMetadata footer = reader.getFooter();
      return footer.getBlocks().get(0).getColumns().stream()
          .filter(c -> c.getPath().toDotString().equals(column))
          .findFirst()
          .orElseThrow();
    }
  }

  /** Removes the local file system's checksum file, so that it does not hide the damage. */
  private static void deleteCrc(File file) {
    new File(file.getParentFile(), "." + file.getName() + ".crc").delete();
  }

  private static void assertCorrupt(Path path, String message, boolean skippable) {
    CorruptFileException onOpen =
        assertThrows(
            CorruptFileException.class, () -> read(wholeFile(path), ParquetScan.all(), null));
    assertEquals(message, onOpen.getMessage());
    assertEquals(path.toString(), onOpen.path());
    assertEquals(skippable, onOpen.skippable());
    CorruptFileException onPlanning =
        assertThrows(
            CorruptFileException.class, () -> ParquetFiles.readInfo(path.toString(), CONF));
    assertEquals(message, onPlanning.getMessage());
  }

  private static void assertOneLine(String message) {
    assertFalse("one line: " + message, message.contains("\n"));
  }
}
