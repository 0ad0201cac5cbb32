package dev.weft.shuffle.client;

/**
 * Fault injection: sees every block as received, before its checksum is verified, and may alter its
 * bytes to rehearse corruption in transfer. {@link #NONE} leaves blocks alone.
 */
@FunctionalInterface
public interface FetchFaultInjector {
  /** Injects nothing. */
  FetchFaultInjector NONE = (block, attempt, data) -> {};

  /**
   * @param block the block received
   * @param attempt 1 for the first transfer of the block, 2 for its re-fetch after a mismatch
   * @param data the received bytes, which the injector may change in place
   */
  void blockReceived(BlockId block, int attempt, byte[] data);
}
