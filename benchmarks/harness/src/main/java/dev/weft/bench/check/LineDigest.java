package dev.weft.bench.check;

/**
 * An order-independent digest of a multiset of lines: the wrapping sum of a 64-bit hash of each
 * line. The generator digests the sort input, the sort check the output; a lost, duplicated or
 * altered line changes the sum whatever the order.
 */
public final class LineDigest {
  private long sum;
  private long count;

  /** Adds the line {@code bytes[off..off+len)} (without its {@code \n}). */
  public void add(byte[] bytes, int off, int len) {
    long h = 0xcbf29ce484222325L;
    for (int i = off; i < off + len; i++) {
      h = (h ^ (bytes[i] & 0xff)) * 0x100000001b3L;
    }
    sum += mix(h);
    count++;
  }

  /**
   * Adds an ASCII line (without its {@code \n}); the same value as {@link #add(byte[],int,int)}.
   */
  public void add(CharSequence line) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < line.length(); i++) {
      h = (h ^ (line.charAt(i) & 0xff)) * 0x100000001b3L;
    }
    sum += mix(h);
    count++;
  }

  /** The digest so far. */
  public long sum() {
    return sum;
  }

  /** Number of lines added. */
  public long count() {
    return count;
  }

  // FNV-1a alone sums poorly (nearby lines give nearby hashes); a finalizer spreads the bits.
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
