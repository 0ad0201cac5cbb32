package dev.weft.bench.check;

import dev.weft.bench.gen.SortGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Sort: the part files, concatenated in name order, hold every input record exactly once (same
 * count and {@link LineDigest} as the input) in non-decreasing key order.
 */
public final class SortCheck implements OutputCheck {
  private static final int LINE = SortGenerator.RECORD_LENGTH - 1;
  private static final int KEY = SortGenerator.KEY_LENGTH;

  private final Path expected;

  /** A check against the expected {@code records=} / {@code checksum=} file. */
  public SortCheck(Path expected) {
    this.expected = expected;
  }

  @Override
  public void check(Path output) throws CheckFailure, IOException {
    Properties want = new Properties();
    try (Reader in = Files.newBufferedReader(expected, StandardCharsets.US_ASCII)) {
      want.load(in);
    }
    long records = Long.parseLong(want.getProperty("records"));
    long checksum = Long.parseUnsignedLong(want.getProperty("checksum"), 16);
    LineDigest digest = new LineDigest();
    String previous = null;
    for (Path part : PartFiles.list("sort", output)) {
      try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.ISO_8859_1)) {
        String line;
        long number = 0;
        while ((line = in.readLine()) != null) {
          number++;
          if (line.length() != LINE) {
            throw new CheckFailure(
                "sort: "
                    + KeyedLines.where(part, number)
                    + " has "
                    + line.length()
                    + " characters, expected "
                    + LINE);
          }
          String key = line.substring(0, KEY);
          // ASCII keys: char order is unsigned byte order.
          if (previous != null && key.compareTo(previous) < 0) {
            throw new CheckFailure(
                "sort: "
                    + KeyedLines.where(part, number)
                    + " key '"
                    + key
                    + "' < previous key '"
                    + previous
                    + "'");
          }
          previous = key;
          digest.add(line);
        }
      }
    }
    if (digest.count() < records) {
      throw new CheckFailure(
          "sort: missing " + (records - digest.count()) + " of " + records + " records");
    }
    if (digest.count() > records) {
      throw new CheckFailure("sort: " + digest.count() + " records, but the input has " + records);
    }
    if (digest.sum() != checksum) {
      throw new CheckFailure(
          "sort: the records differ from the input's (checksum "
              + Long.toHexString(digest.sum())
              + " expected "
              + Long.toHexString(checksum)
              + ")");
    }
  }
}
