package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.BlockFetchException;
import dev.weft.shuffle.client.BlockId;
import dev.weft.shuffle.client.BlockInputStream;
import dev.weft.shuffle.client.CorruptBlockException;
import dev.weft.shuffle.client.FetchRequest;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleIndex;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Blocks streamed to a reader in bounded memory, verified as they stream. */
public class StreamingTest {
  private static final int BIG = 24 << 20;
  private static final long BUFFER = 256 << 10;
  private static final long SERVER_LIMIT = 8 << 20;

  /** What a stream may hold past its buffer: the chunk being passed on. */
  private static final long ONE_CHUNK = 64 << 10;

  /** What a connection may hold undecoded: a few network reads, far below the block. */
  private static final long MAX_UNDECODED = 1 << 20;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private LocalDirLayout dirs;
  private File data;
  private byte[][] blocks;
  private ShuffleClient client;

  @Before
  public void setUp() throws Exception {
    fixture = new ShuffleFixture(ShuffleServerConfig.builder().maxBytesInFlight(SERVER_LIMIT));
    fixture.server.registerApplication("app-a", SECRET_A);
    dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec-1"), 1);
    blocks = new byte[][] {pattern(BIG, 1), pattern(1000, 2), new byte[0]};
    data = ShuffleFixture.writeMapOutput(dirs, 3, 7, blocks);
    client =
        fixture.client(
            ShuffleClientConfig.builder("app-a", SECRET_A).maxRetries(0).streamBufferBytes(BUFFER));
    await(client.registerExecutor("localhost", fixture.port(), "exec-1", dirs));
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void aSlowReaderGetsEveryByteWhileTheStreamHoldsAtMostItsBuffer() throws Exception {
    try (BlockInputStream in = await(client.stream("localhost", fixture.port(), request(0)))) {
      assertEquals(BIG, in.length());
      assertEquals(new BlockId("exec-1", 3, 7, 7, 0), in.id());
      Thread.sleep(300); // the server would send the whole block meanwhile without back-pressure
      byte[] read = readAll(in, 4096);

      assertArrayEquals(blocks[0], read);
      assertTrue(
          "held " + in.maxBufferedBytes() + " bytes ahead of the reader",
          in.maxBufferedBytes() <= BUFFER + ONE_CHUNK);
      assertTrue(
          "held " + client.maxUndecodedBytes() + " bytes undecoded",
          client.maxUndecodedBytes() <= MAX_UNDECODED);
    }
  }

  @Test
  public void aBlockLargerThanTheServersLimitReadSlowlyLeavesRoomForOtherConnections()
      throws Exception {
    try (BlockInputStream big = await(client.stream("localhost", fixture.port(), request(0)))) {
      assertEquals(blocks[0][0], (byte) big.read()); // then stalls, its block mostly unsent
      ShuffleClient other =
          fixture.client(ShuffleClientConfig.builder("app-a", SECRET_A).maxRetries(0));

      byte[] small =
          await(other.fetch("localhost", fixture.port(), "exec-1", 3, 7, 7, 1))
              .get(0)
              .toByteArray();

      assertArrayEquals(blocks[1], small);
      assertArrayEquals(blocks[0], concat(blocks[0][0], readAll(big, 8192)));
    }
  }

  @Test
  public void blocksStreamOneAfterAnotherOnTheSameConnectionEmptyOnesToo() throws Exception {
    for (int r : new int[] {1, 2, 1}) {
      try (BlockInputStream in = await(client.stream("localhost", fixture.port(), request(r)))) {
        assertArrayEquals(blocks[r], readAll(in, 100));
      }
    }
  }

  @Test
  public void aStreamClosedPartWayDiscardsTheRestAndFreesTheConnection() throws Exception {
    BlockInputStream first = await(client.stream("localhost", fixture.port(), request(0)));
    byte[] head = first.readNBytes(10);
    assertEquals(blocks[0][5], head[5]);
    first.close();

    try (BlockInputStream next = await(client.stream("localhost", fixture.port(), request(1)))) {
      assertArrayEquals(blocks[1], readAll(next, 100));
    }
    assertThrows(IOException.class, () -> first.read());
  }

  @Test
  public void aBlockCorruptOnDiskFailsTheLastReadNamingBlockFileAndChecksums() throws Exception {
    ShuffleIndex index = ShuffleIndex.read(dirs.fileFor(ShuffleFileNames.indexFile(3, 7, 7)));
    try (RandomAccessFile f = new RandomAccessFile(data, "rw")) {
      long pos = index.offset(0) + BIG / 2;
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x40);
    }

    BlockInputStream in = await(client.stream("localhost", fixture.port(), request(0)));
    CorruptBlockException e = assertThrows(CorruptBlockException.class, () -> readAll(in, 8192));

    assertEquals(new BlockId("exec-1", 3, 7, 7, 0), e.block());
    assertEquals(data.getPath(), e.file());
    assertEquals(index.checksum(0), e.expectedCrc());
    assertTrue(e.getMessage(), e.getMessage().contains("shuffle 3, map 7 (output 7), reduce 0"));
    in.close();
  }

  @Test
  public void aConnectionLostPartWayFailsTheReadNamingTheBlockAndTheBytesReceived()
      throws Exception {
    BlockInputStream in = await(client.stream("localhost", fixture.port(), request(0)));
    byte[] some = new byte[1024];
    assertEquals(1024, in.readNBytes(some, 0, 1024));
    fixture.server.close();

    BlockFetchException e = assertThrows(BlockFetchException.class, () -> readAll(in, 8192));
    assertTrue(e.getMessage(), e.getMessage().contains("shuffle 3, map 7 (output 7), reduce 0"));
    assertTrue(e.getMessage(), e.getMessage().contains("of its " + BIG + " bytes"));
    in.close();
  }

  @Test
  public void streamingAMissingMapOutputFailsTheFuture() {
    FetchRequest missing = FetchRequest.of("app-a", "exec-1", 3, 8, 8, 0);
    assertThrows(
        BlockFetchException.class,
        () -> await(client.stream("localhost", fixture.port(), missing)));
  }

  private static FetchRequest request(int reduceId) {
    return FetchRequest.of("app-a", "exec-1", 3, 7, 7, reduceId);
  }

  private static byte[] readAll(InputStream in, int piece) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[piece];
    int n;
    while ((n = in.read(buf, 0, piece)) >= 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte first, byte[] rest) {
    byte[] all = new byte[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static byte[] pattern(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i * 31 + seed + (i >>> 12));
    }
    return b;
  }
}
