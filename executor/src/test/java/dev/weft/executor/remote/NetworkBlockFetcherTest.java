package dev.weft.executor.remote;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.BlockFetchException;
import dev.weft.shuffle.client.BlockId;
import dev.weft.shuffle.client.CorruptBlockException;
import dev.weft.shuffle.client.FetchRequest;
import dev.weft.shuffle.client.ShuffleAuthException;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.IOException;
import org.junit.Test;

/** Which fetch failures say that a shuffle service is unreachable, so all its outputs are lost. */
public class NetworkBlockFetcherTest {
  private static final String NODE = "node1:7447";
  private static final FetchRequest REQUEST = FetchRequest.of("app", "e1", 0, 3, 3, 1);

  @Test
  public void aServiceThatCannotBeConnectedToOrThatDroppedTheConnectionIsUnreachable() {
    assertTrue(
        NetworkBlockFetcher.unreachable(
            failure(null, new IOException("cannot connect to shuffle service at " + NODE))));
    assertTrue(
        NetworkBlockFetcher.unreachable(
            failure(
                null, new IOException("connection to shuffle service at " + NODE + " closed"))));
  }

  @Test
  public void aServiceThatAnsweredOrSentACorruptBlockIsReachable() {
    assertFalse(NetworkBlockFetcher.unreachable(failure(ErrorCode.BLOCK_NOT_FOUND, null)));
    assertFalse(
        NetworkBlockFetcher.unreachable(
            failure(null, new ShuffleAuthException("secret refused", NODE, null))));
    assertFalse(
        NetworkBlockFetcher.unreachable(
            new CorruptBlockException(
                NODE, "shuffle_0_3_3.data", REQUEST, new BlockId("e1", 0, 3, 3, 1), 1, 2)));
    assertFalse(NetworkBlockFetcher.unreachable(new IOException("not a fetch failure")));
  }

  private static BlockFetchException failure(ErrorCode code, Throwable cause) {
    return new BlockFetchException("Cannot fetch " + REQUEST, NODE, code, REQUEST, cause);
  }
}
