package dev.weft.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The named data sizes of {@code --scale}. */
public enum Scale {
  /** A smoke run: every workload in seconds. */
  TINY(1L << 20, 10_000, 20_000, 5_000, 20_000),
  /** A quick run. */
  SMALL(32L << 20, 200_000, 500_000, 100_000, 300_000),
  /** The reported benchmark. */
  DEFAULT(256L << 20, 1_500_000, 4_000_000, 1_000_000, 3_000_000),
  /** Four times the default. */
  LARGE(1L << 30, 6_000_000, 16_000_000, 4_000_000, 12_000_000);

  private final long textBytes;
  private final long sortRecords;
  private final long customers;
  private final long edges;
  private final long lineItems;

  Scale(long textBytes, long sortRecords, long customers, long edges, long lineItems) {
    this.textBytes = textBytes;
    this.sortRecords = sortRecords;
    this.customers = customers;
    this.edges = edges;
    this.lineItems = lineItems;
  }

  /** Approximate size of the word-count text in bytes. */
  public long textBytes() {
    return textBytes;
  }

  /** Number of 100-byte sort records. */
  public long sortRecords() {
    return sortRecords;
  }

  /** Number of Parquet customers. */
  public long customers() {
    return customers;
  }

  /** Number of graph edges. */
  public long edges() {
    return edges;
  }

  /** Number of line items (TPC-H's scale factor 1 has 6 million). */
  public long lineItems() {
    return lineItems;
  }

  /** The lower-case name used on the command line and in the default data directory. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the scale named {@code id}.
   *
   * @throws IllegalArgumentException naming the value and the known scales
   */
  public static Scale of(String id) {
    for (Scale s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scale '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(Scale::id).collect(Collectors.joining(", ")));
  }
}
