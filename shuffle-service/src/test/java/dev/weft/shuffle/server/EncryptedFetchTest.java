package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.auth.FrameCipher;
import dev.weft.shuffle.client.BlockFetchException;
import dev.weft.shuffle.client.FetchedBlock;
import dev.weft.shuffle.client.ShuffleAuthException;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Shuffle connections encrypted after the handshake (weft.shuffle.encryption.enabled): blocks come
 * back exact, nothing of them crosses the wire in the clear, a tampered record fails the fetch, and
 * a service refuses plaintext clients of an application that requires encryption.
 */
public class EncryptedFetchTest {
  /** Larger than several encrypted records, and not a multiple of their size. */
  private static final int LARGE = 5 * FrameCipher.MAX_PLAINTEXT + 12345;

  private static final byte[] MARKER =
      "plaintext-marker-that-must-not-cross-the-wire".getBytes(StandardCharsets.US_ASCII);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private LocalDirLayout dirs;
  private byte[][] blocks;

  @Before
  public void setUp() throws Exception {
    // A small limit, so large blocks go through the back-pressure path.
    fixture = new ShuffleFixture(ShuffleServerConfig.builder().maxBytesInFlight(64 * 1024));
    dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec-1"), 2);
    blocks = new byte[][] {small(), new byte[0], large(), small()};
    ShuffleFixture.writeMapOutput(dirs, 0, 0, blocks);
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  private static byte[] small() {
    byte[] b = new byte[100 + MARKER.length];
    System.arraycopy(MARKER, 0, b, 50, MARKER.length);
    return b;
  }

  private static byte[] large() {
    byte[] b = new byte[LARGE];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 131 + (i >>> 9));
    }
    System.arraycopy(MARKER, 0, b, LARGE - MARKER.length - 7, MARKER.length);
    return b;
  }

  private ShuffleClient client(boolean encrypt) {
    return fixture.client(
        ShuffleClientConfig.builder("app-a", SECRET_A).maxRetries(0).encrypt(encrypt));
  }

  private void register(boolean encryptionRequired) throws Exception {
    fixture.server.registerApplication("app-a", SECRET_A, List.of(), encryptionRequired);
  }

  private void assertBlocks(List<FetchedBlock> fetched, int... reduceIds) {
    assertEquals(reduceIds.length, fetched.size());
    for (int i = 0; i < reduceIds.length; i++) {
      assertArrayEquals(
          "block " + reduceIds[i], blocks[reduceIds[i]], fetched.get(i).toByteArray());
    }
  }

  @Test
  public void encryptedFetchReturnsSmallEmptyAndMultiRecordBlocksExactly() throws Exception {
    register(true);
    try (TamperingProxy proxy = new TamperingProxy(fixture.port(), -1)) {
      ShuffleClient client = client(true);
      await(client.registerExecutor("localhost", proxy.port(), "exec-1", dirs));
      assertBlocks(
          await(client.fetch("localhost", proxy.port(), "exec-1", 0, 0, 0, 0, 1, 2, 3)),
          0,
          1,
          2,
          3);
      assertBlocks(await(client.fetch("localhost", proxy.port(), "exec-1", 0, 0, 0, 2)), 2);
      assertFalse(
          "block bytes crossed the wire in the clear",
          TamperingProxy.contains(proxy.fromServer(), MARKER));
      assertTrue(
          "expected the encrypted stream to carry the large block",
          proxy.fromServer().length > 2 * LARGE);
    }
  }

  @Test
  public void encryptedFetchesFromTwoServicesShareASmallByteLimit() throws Exception {
    register(true);
    try (ShuffleServer second =
        new ShuffleServer(
            ShuffleServerConfig.builder().port(0).nodeName("node-2").ioThreads(2).build())) {
      int secondPort = second.start();
      second.registerApplication("app-a", SECRET_A, List.of(), true);
      // Blocks from both services are assembled at once only within 64 KiB: connections wait
      // for each other with decrypted bytes buffered.
      ShuffleClient client =
          fixture.client(
              ShuffleClientConfig.builder("app-a", SECRET_A)
                  .maxRetries(0)
                  .maxBytesInFlight(64 * 1024)
                  .encrypt(true));
      await(client.registerExecutor("localhost", fixture.port(), "exec-1", dirs));
      await(client.registerExecutor("localhost", secondPort, "exec-1", dirs));
      List<CompletableFuture<List<FetchedBlock>>> fetches = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        int port = i % 2 == 0 ? fixture.port() : secondPort;
        fetches.add(client.fetch("localhost", port, "exec-1", 0, 0, 0, 2, 0, 2, 3));
      }
      for (CompletableFuture<List<FetchedBlock>> f : fetches) {
        assertBlocks(await(f), 2, 0, 2, 3);
      }
    }
  }

  @Test
  public void clientMayEncryptWhenTheApplicationDoesNotRequireIt() throws Exception {
    register(false);
    ShuffleClient client = client(true);
    await(client.registerExecutor("localhost", fixture.port(), "exec-1", dirs));
    assertBlocks(await(client.fetch("localhost", fixture.port(), "exec-1", 0, 0, 0, 2, 0)), 2, 0);
  }

  @Test
  public void plaintextStillWorksWhenEncryptionIsOff() throws Exception {
    register(false);
    try (TamperingProxy proxy = new TamperingProxy(fixture.port(), -1)) {
      ShuffleClient client = client(false);
      await(client.registerExecutor("localhost", proxy.port(), "exec-1", dirs));
      assertBlocks(await(client.fetch("localhost", proxy.port(), "exec-1", 0, 0, 0, 0, 2)), 0, 2);
      assertTrue(TamperingProxy.contains(proxy.fromServer(), MARKER));
    }
  }

  @Test
  public void plaintextClientIsRefusedWhenTheApplicationRequiresEncryption() throws Exception {
    register(true);
    ShuffleClient client = client(false);
    ShuffleAuthException refused =
        failure(
            ShuffleAuthException.class,
            client.registerExecutor("localhost", fixture.port(), "exec-1", dirs));
    assertEquals(ErrorCode.ENCRYPTION_REQUIRED, refused.code());
    assertTrue(refused.getMessage(), refused.getMessage().contains("requires encrypted"));
    assertTrue(fixture.server.executors("app-a").isEmpty());
  }

  @Test
  public void tamperedRecordFailsTheFetchWithAClearError() throws Exception {
    register(true);
    ShuffleClient honest = client(true);
    await(honest.registerExecutor("localhost", fixture.port(), "exec-1", dirs));
    // Past the handshake's frames (ServerChallenge, AuthOk: under 200 bytes), inside the blocks.
    try (TamperingProxy proxy = new TamperingProxy(fixture.port(), 1000)) {
      ShuffleClient client = client(true);
      BlockFetchException failed =
          failure(
              BlockFetchException.class,
              client.fetch("localhost", proxy.port(), "exec-1", 0, 0, 0, 2));
      assertTrue(failed.getMessage(), failed.getMessage().contains("failed its integrity check"));
    }
  }
}
