package dev.weft.shuffle.layout;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The index of one map task's data file: where each reduce partition's block starts and ends and
 * the CRC32C checksum of its bytes.
 *
 * <p>File format (big-endian), version 1:
 *
 * <pre>
 *   int   magic            0x57534958 ("WSIX")
 *   int   version          1
 *   int   numPartitions    n
 *   long  offsets[n + 1]   offsets[0] = 0, non-decreasing, offsets[n] = data file length
 *   int   checksums[n]     CRC32C of each block's bytes
 *   int   indexChecksum    CRC32C of every byte above
 * </pre>
 *
 * Instances are immutable.
 */
public final class ShuffleIndex {
  /** The first four bytes of every index file. */
  public static final int MAGIC = 0x57534958;

  /** The format version this class writes and the only one it reads. */
  public static final int VERSION = 1;

  private static final int HEADER_BYTES = 12;

  private final long[] offsets;
  private final int[] checksums;

  private ShuffleIndex(long[] offsets, int[] checksums) {
    this.offsets = offsets;
    this.checksums = checksums;
  }

  /**
   * The index of blocks laid out one after another with these lengths.
   *
   * @param lengths bytes of each reduce partition's block (0 for an empty block)
   * @param checksums CRC32C of each block, as {@code (int) crc.getValue()}
   */
  public static ShuffleIndex of(long[] lengths, int[] checksums) {
    if (lengths.length != checksums.length) {
      throw new IllegalArgumentException(
          lengths.length + " block lengths but " + checksums.length + " checksums");
    }
    long[] offsets = new long[lengths.length + 1];
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] < 0) {
        throw new IllegalArgumentException("negative length " + lengths[i] + " of block " + i);
      }
      offsets[i + 1] = offsets[i] + lengths[i];
    }
    return new ShuffleIndex(offsets, checksums.clone());
  }

  /** The byte size of an index file for {@code numPartitions} partitions. */
  public static long fileLength(int numPartitions) {
    return HEADER_BYTES + 8L * (numPartitions + 1) + 4L * numPartitions + 4;
  }

  public int numPartitions() {
    return checksums.length;
  }

  /** Where the block of {@code partition} starts in the data file. */
  public long offset(int partition) {
    checkPartition(partition);
    return offsets[partition];
  }

  /** The byte length of the block of {@code partition}. */
  public long length(int partition) {
    checkPartition(partition);
    return offsets[partition + 1] - offsets[partition];
  }

  /** The CRC32C of the block of {@code partition}. */
  public int checksum(int partition) {
    checkPartition(partition);
    return checksums[partition];
  }

  /** The length of every block, in partition order. */
  public long[] lengths() {
    long[] lengths = new long[numPartitions()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = offsets[i + 1] - offsets[i];
    }
    return lengths;
  }

  /** The length the data file must have. */
  public long dataLength() {
    return offsets[offsets.length - 1];
  }

  private void checkPartition(int partition) {
    if (partition < 0 || partition >= checksums.length) {
      throw new IndexOutOfBoundsException(
          "partition " + partition + " of an index with " + checksums.length + " partitions");
    }
  }

  /** This index in the file format above. */
  public byte[] toBytes() {
    int n = numPartitions();
    ByteBuffer buf = ByteBuffer.allocate((int) fileLength(n));
    buf.putInt(MAGIC).putInt(VERSION).putInt(n);
    for (long offset : offsets) {
      buf.putLong(offset);
    }
    for (int checksum : checksums) {
      buf.putInt(checksum);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  /**
   * Reads and validates an index file.
   *
   * @throws ShuffleFormatException naming the file when its magic, version, length, checksum or
   *     offsets are wrong
   * @throws IOException when the file cannot be read (a missing file gives {@link
   *     java.nio.file.NoSuchFileException})
   */
  public static ShuffleIndex read(File indexFile) throws IOException {
    return parse(Files.readAllBytes(indexFile.toPath()), indexFile);
  }

  /**
   * Parses and validates the bytes of an index file.
   *
   * @param indexFile the file the bytes came from, for error messages
   * @throws ShuffleFormatException naming the file when its magic, version, length, checksum or
   *     offsets are wrong
   */
  public static ShuffleIndex parse(byte[] bytes, File indexFile) throws ShuffleFormatException {
    if (bytes.length < HEADER_BYTES) {
      throw new ShuffleFormatException(
          indexFile, "expected at least " + HEADER_BYTES + " bytes, found " + bytes.length);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int magic = buf.getInt();
    if (magic != MAGIC) {
      throw new ShuffleFormatException(
          indexFile, String.format("expected magic number 0x%08x, found 0x%08x", MAGIC, magic));
    }
    int version = buf.getInt();
    if (version != VERSION) {
      throw new ShuffleFormatException(
          indexFile, "expected format version " + VERSION + ", found " + version);
    }
    int n = buf.getInt();
    if (n < 0 || bytes.length != fileLength(n)) {
      throw new ShuffleFormatException(
          indexFile,
          "header says "
              + n
              + " partitions, so "
              + (n < 0 ? "a non-negative count" : fileLength(n) + " bytes")
              + " were expected, found "
              + bytes.length
              + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int storedCrc = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    if ((int) crc.getValue() != storedCrc) {
      throw new ShuffleFormatException(
          indexFile,
          String.format(
              "index checksum mismatch: stored 0x%08x, computed 0x%08x",
              storedCrc, (int) crc.getValue()));
    }
    long[] offsets = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      offsets[i] = buf.getLong();
      if (i == 0 ? offsets[0] != 0 : offsets[i] < offsets[i - 1]) {
        throw new ShuffleFormatException(
            indexFile,
            "offset " + i + " is " + offsets[i] + ", expected " + (i == 0 ? "0" : ">= previous"));
      }
    }
    int[] checksums = new int[n];
    for (int i = 0; i < n; i++) {
      checksums[i] = buf.getInt();
    }
    return new ShuffleIndex(offsets, checksums);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShuffleIndex other
        && Arrays.equals(offsets, other.offsets)
        && Arrays.equals(checksums, other.checksums);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(offsets) * 31 + Arrays.hashCode(checksums);
  }

  @Override
  public String toString() {
    return "ShuffleIndex(" + numPartitions() + " partitions, " + dataLength() + " bytes)";
  }
}
