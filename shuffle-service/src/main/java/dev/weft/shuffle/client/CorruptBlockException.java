package dev.weft.shuffle.client;

/**
 * A block failed its CRC32C check on the first transfer and again on the re-fetch, or a streamed
 * block ({@link BlockInputStream}) failed it once: the map output on the serving node is damaged.
 */
public final class CorruptBlockException extends BlockFetchException {
  private final BlockId block;
  private final String file;
  private final int expectedCrc;
  private final int actualCrc;

  public CorruptBlockException(
      String node,
      String file,
      FetchRequest request,
      BlockId block,
      int expectedCrc,
      int actualCrc) {
    this(
        message(block, node, file, expectedCrc, actualCrc),
        node,
        file,
        request,
        block,
        expectedCrc,
        actualCrc);
  }

  /** A corruption with its own message (a streamed block, found corrupt once). */
  CorruptBlockException(
      String message,
      String node,
      String file,
      FetchRequest request,
      BlockId block,
      int expectedCrc,
      int actualCrc) {
    super(message, node, null, request, null);
    this.block = block;
    this.file = file;
    this.expectedCrc = expectedCrc;
    this.actualCrc = actualCrc;
  }

  private static String message(
      BlockId block, String node, String file, int expectedCrc, int actualCrc) {
    return String.format(
        "Corrupt shuffle block (%s) from %s, file %s: CRC32C expected 0x%08x, found 0x%08x on"
            + " the first transfer and on the re-fetch",
        block, node, file, expectedCrc, actualCrc);
  }

  public BlockId block() {
    return block;
  }

  /** The data file on the serving node. */
  public String file() {
    return file;
  }

  public int expectedCrc() {
    return expectedCrc;
  }

  public int actualCrc() {
    return actualCrc;
  }
}
