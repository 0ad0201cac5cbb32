package dev.weft.bench.gen;

import dev.weft.bench.check.LineDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The sort input: 100-byte records in the TeraSort ASCII layout. A record is a 10-byte key of
 * random printable characters ({@code !}..{@code ~}), an 89-byte payload (the record's sequence
 * number as 16 upper-case hex digits, a space, 72 filler characters of {@code [0-9A-Z]}) and {@code
 * \n}.
 */
public final class SortGenerator {
  /** Bytes per record, newline included. */
  public static final int RECORD_LENGTH = 100;

  /** Bytes of the key. */
  public static final int KEY_LENGTH = 10;

  static final long PART_RECORDS = 250_000;
  private static final long SEED = 0x5eed_5027L;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes();
  private static final byte[] FILLER = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".getBytes();

  /**
   * Writes {@code records} records into {@code dir}.
   *
   * @return the digest of the lines written (without their newlines)
   */
  public LineDigest generate(Path dir, long records) throws IOException {
    int parts = PartWriter.parts(records, PART_RECORDS);
    LineDigest digest = new LineDigest();
    byte[] record = new byte[RECORD_LENGTH];
    record[KEY_LENGTH + 16] = ' ';
    record[RECORD_LENGTH - 1] = '\n';
    long seq = 0;
    for (int p = 0; p < parts; p++) {
      SplittableRandom random = new SplittableRandom(SEED + p);
      long n = PartWriter.share(records, parts, p);
      try (OutputStream out = PartWriter.open(dir, p, ".txt")) {
        for (long i = 0; i < n; i++, seq++) {
          fill(record, seq, random);
          out.write(record);
          digest.add(record, 0, RECORD_LENGTH - 1);
        }
      }
    }
    return digest;
  }

  private static void fill(byte[] record, long seq, SplittableRandom random) {
    for (int i = 0; i < KEY_LENGTH; i++) {
      record[i] = (byte) ('!' + random.nextInt('~' - '!' + 1));
    }
    for (int i = 0; i < 16; i++) {
      record[KEY_LENGTH + i] = HEX[(int) (seq >>> (60 - 4 * i)) & 0xf];
    }
    int start = KEY_LENGTH + 17;
    for (int i = start; i < RECORD_LENGTH - 1; i++) {
      record[i] = FILLER[(int) ((seq + i / 8) % FILLER.length)];
    }
  }
}
