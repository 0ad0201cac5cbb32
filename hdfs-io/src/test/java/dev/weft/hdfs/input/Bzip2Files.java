package dev.weft.hdfs.input;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.compress.bzip2.CBZip2OutputStream;

/** Test data for bzip2 splitting: text with many compression blocks, and where those blocks are. */
final class Bzip2Files {
  /** The 48-bit magic number that starts every bzip2 compression block. */
  private static final long BLOCK_MAGIC = 0x314159265359L;

  private static final long MASK_48 = (1L << 48) - 1;

  private Bzip2Files() {}

  /**
   * Writes {@code lines}, each followed by {@code \n}, as a bzip2 file with the smallest block size
   * (100 kB of text per compression block), so that a little text makes many blocks.
   */
  static void write(OutputStream file, List<String> lines) throws IOException {
    file.write("BZ".getBytes(StandardCharsets.US_ASCII));
    try (OutputStream out = new CBZip2OutputStream(file, CBZip2OutputStream.MIN_BLOCKSIZE)) {
      for (String line : lines) {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    }
  }

  /**
   * Lines of pseudo-random words of varied length (empty ones too) and a few lines longer than a
   * compression block, so that lines cross block boundaries in every way.
   */
  static List<String> lines(long seed, int count) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder line = new StringBuilder().append(i).append(':');
      int length = i % 1000 == 999 ? 150_000 : random.nextInt(i % 7 == 0 ? 3 : 160);
      while (line.length() < length) {
        line.append((char) ('a' + random.nextInt(26)));
        if (random.nextInt(6) == 0) {
          line.append(' ');
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The byte offsets at which the compression blocks' magic numbers start (bit-aligned). */
  static List<Long> blockOffsets(byte[] compressed) {
    List<Long> offsets = new ArrayList<>();
    long window = 0;
    for (long bit = 0; bit < compressed.length * 8L; bit++) {
      int b = compressed[(int) (bit / 8)] >> (7 - (int) (bit % 8)) & 1;
      window = (window << 1 | b) & MASK_48;
      if (bit >= 47 && window == BLOCK_MAGIC) {
        offsets.add((bit - 47) / 8);
      }
    }
    return offsets;
  }
}
