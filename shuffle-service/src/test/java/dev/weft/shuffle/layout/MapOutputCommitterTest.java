package dev.weft.shuffle.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.CRC32C;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MapOutputCommitterTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private File dir;
  private File data;
  private File index;

  @Before
  public void setUp() {
    dir = tmp.getRoot();
    data = new File(dir, ShuffleFileNames.dataFile(1, 2, 2));
    index = new File(dir, ShuffleFileNames.indexFile(1, 2, 2));
  }

  @Test
  public void commitPublishesDataAndIndexAndLeavesNoTempFiles() throws IOException {
    commitBlocks("alpha", "", "gamma!");

    MapOutputFiles files = MapOutputFiles.open(data, index);
    assertEquals("alpha", readBlock(files, 0));
    assertEquals("", readBlock(files, 1));
    assertEquals("gamma!", readBlock(files, 2));
    assertEquals(crc("gamma!"), files.index().checksum(2));
    assertArrayEquals(new String[] {data.getName(), index.getName()}, sortedNames());
  }

  @Test
  public void aRerunOfTheSameMapReplacesItsOutput() throws IOException {
    commitBlocks("first", "run");
    commitBlocks("second attempt", "", "x");

    MapOutputFiles files = MapOutputFiles.open(data, index);
    assertEquals(3, files.index().numPartitions());
    assertEquals("second attempt", readBlock(files, 0));
    assertEquals("x", readBlock(files, 2));
    assertEquals(2, dir.list().length);
  }

  @Test
  public void aDataFileOfTheWrongLengthIsNotCommitted() throws IOException {
    File temp = MapOutputCommitter.tempFileFor(data);
    Files.write(temp.toPath(), new byte[5]);

    ShuffleFormatException e =
        assertThrows(
            ShuffleFormatException.class,
            () -> MapOutputCommitter.commit(temp, data, index, new long[] {3}, new int[1]));

    assertTrue(e.getMessage(), e.getMessage().contains(temp.toString()));
    assertFalse(index.exists());
    assertFalse(data.exists());
    assertEquals("temporary files are removed", 0, dir.list().length);
  }

  @Test
  public void openRefusesADataFileThatDisagreesWithItsIndex() throws IOException {
    commitBlocks("abc", "def");
    Files.write(data.toPath(), new byte[2]);

    ShuffleFormatException e =
        assertThrows(ShuffleFormatException.class, () -> MapOutputFiles.open(data, index));
    assertTrue(e.getMessage(), e.getMessage().contains(data.toString()));
    assertTrue(e.getMessage(), e.getMessage().contains("gives 6 bytes, found 2"));
  }

  @Test
  public void openRefusesAMissingDataFile() throws IOException {
    commitBlocks("abc");
    Files.delete(data.toPath());
    IOException e = assertThrows(IOException.class, () -> MapOutputFiles.open(data, index));
    assertTrue(e.getMessage(), e.getMessage().contains(data.getName()));
  }

  private void commitBlocks(String... blocks) throws IOException {
    File temp = MapOutputCommitter.tempFileFor(data);
    long[] lengths = new long[blocks.length];
    int[] sums = new int[blocks.length];
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < blocks.length; i++) {
      lengths[i] = blocks[i].length();
      sums[i] = crc(blocks[i]);
      all.append(blocks[i]);
    }
    Files.writeString(temp.toPath(), all, StandardCharsets.US_ASCII);
    MapOutputCommitter.commit(temp, data, index, lengths, sums);
  }

  private static String readBlock(MapOutputFiles files, int partition) throws IOException {
    try (InputStream in = files.openBlock(partition)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static int crc(String s) {
    CRC32C crc = new CRC32C();
    crc.update(s.getBytes(StandardCharsets.US_ASCII));
    return (int) crc.getValue();
  }

  private String[] sortedNames() {
    String[] names = dir.list();
    java.util.Arrays.sort(names);
    return names;
  }
}
