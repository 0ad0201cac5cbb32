package dev.weft.shuffle.layout;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ShuffleIndexTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final long[] lengths = {10, 0, 7, 0, 0, 3};
  private final int[] checksums = {11, 0, -5, 0, 0, 0x7fff_ffff};

  @Test
  public void offsetsFollowTheLengthsAndSurviveARoundTrip() throws IOException {
    ShuffleIndex index = ShuffleIndex.of(lengths, checksums);
    File file = tmp.newFile("shuffle_0_0.index");
    Files.write(file.toPath(), index.toBytes());

    ShuffleIndex read = ShuffleIndex.read(file);

    assertEquals(index, read);
    assertEquals(6, read.numPartitions());
    assertEquals(0, read.offset(0));
    assertEquals(10, read.offset(2));
    assertEquals(17, read.offset(5));
    assertEquals(3, read.length(5));
    assertEquals(-5, read.checksum(2));
    assertEquals(20, read.dataLength());
    assertArrayEquals(lengths, read.lengths());
    assertEquals(ShuffleIndex.fileLength(6), file.length());
  }

  @Test
  public void anIndexOfNoPartitionsIsValid() throws IOException {
    File file = tmp.newFile();
    Files.write(file.toPath(), ShuffleIndex.of(new long[0], new int[0]).toBytes());
    assertEquals(0, ShuffleIndex.read(file).numPartitions());
  }

  @Test
  public void aWrongMagicNumberIsRefusedNamingTheFile() throws IOException {
    File file = writeCorrupted(0, 0x12345678);
    ShuffleFormatException e =
        assertThrows(ShuffleFormatException.class, () -> ShuffleIndex.read(file));
    assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
    assertTrue(e.getMessage(), e.getMessage().contains("magic number 0x57534958"));
    assertTrue(e.getMessage(), e.getMessage().contains("0x12345678"));
  }

  @Test
  public void anUnknownVersionIsRefused() throws IOException {
    File file = writeCorrupted(4, 2);
    ShuffleFormatException e =
        assertThrows(ShuffleFormatException.class, () -> ShuffleIndex.read(file));
    assertTrue(e.getMessage(), e.getMessage().contains("expected format version 1, found 2"));
  }

  @Test
  public void aTruncatedFileIsRefused() throws IOException {
    File file = tmp.newFile();
    byte[] bytes = ShuffleIndex.of(lengths, checksums).toBytes();
    Files.write(file.toPath(), Arrays.copyOf(bytes, bytes.length - 5));
    ShuffleFormatException e =
        assertThrows(ShuffleFormatException.class, () -> ShuffleIndex.read(file));
    assertTrue(e.getMessage(), e.getMessage().contains("header says 6 partitions"));
    assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
  }

  @Test
  public void aFileShorterThanTheHeaderIsRefused() throws IOException {
    File file = tmp.newFile();
    Files.write(file.toPath(), new byte[] {1, 2, 3});
    assertThrows(ShuffleFormatException.class, () -> ShuffleIndex.read(file));
  }

  @Test
  public void aFlippedOffsetBitFailsTheIndexChecksum() throws IOException {
    File file = tmp.newFile();
    byte[] bytes = ShuffleIndex.of(lengths, checksums).toBytes();
    bytes[12 + 8 + 7] ^= 1; // low byte of offsets[1]
    Files.write(file.toPath(), bytes);
    ShuffleFormatException e =
        assertThrows(ShuffleFormatException.class, () -> ShuffleIndex.read(file));
    assertTrue(e.getMessage(), e.getMessage().contains("index checksum mismatch"));
  }

  @Test
  public void aMissingFileIsReportedAsSuch() {
    File file = new File(tmp.getRoot(), "absent.index");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ShuffleIndex.read(file));
    assertTrue(e.getMessage().contains("absent.index"));
  }

  @Test
  public void mismatchedArraysAndNegativeLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ShuffleIndex.of(new long[2], new int[1]));
    assertThrows(
        IllegalArgumentException.class, () -> ShuffleIndex.of(new long[] {-1}, new int[1]));
  }

  @Test
  public void fileNamesFollowTheLayout() {
    assertEquals("shuffle_3_17_42.data", ShuffleFileNames.dataFile(3, 17, 42));
    assertEquals("shuffle_3_17_42.index", ShuffleFileNames.indexFile(3, 17, 42));
  }

  /** An index whose int at {@code position} is replaced (checksum left stale on purpose). */
  private File writeCorrupted(int position, int value) throws IOException {
    File file = tmp.newFile();
    byte[] bytes = ShuffleIndex.of(lengths, checksums).toBytes();
    ByteBuffer.wrap(bytes).putInt(position, value);
    Files.write(file.toPath(), bytes);
    return file;
  }
}
