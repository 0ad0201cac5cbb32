package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.BlockFetchException;
import dev.weft.shuffle.client.FetchedBlock;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ServingTest {
  private static final int MAPS = 6;
  private static final int REDUCES = 25;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private LocalDirLayout dirs;
  private ShuffleClient client;

  @Before
  public void setUp() throws Exception {
    // A small limit, so serving goes through the back-pressure path many times.
    fixture = new ShuffleFixture(ShuffleServerConfig.builder().maxBytesInFlight(32 * 1024));
    fixture.server.registerApplication("app-a", SECRET_A);
    dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec-1"), 3);
    for (int shuffle = 0; shuffle < 2; shuffle++) {
      for (int map = 0; map < MAPS; map++) {
        ShuffleFixture.writeMapOutput(
            dirs, shuffle, map, ShuffleFixture.blocks(shuffle, map, REDUCES));
      }
    }
    client = fixture.client("app-a", SECRET_A);
    await(client.registerExecutor("localhost", fixture.port(), "exec-1", dirs));
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void everyBlockOfEveryMapOutputComesBackIntact() throws Exception {
    List<CompletableFuture<List<FetchedBlock>>> single = new ArrayList<>();
    for (int shuffle = 0; shuffle < 2; shuffle++) {
      for (int map = 0; map < MAPS; map++) {
        for (int reduce = 0; reduce < REDUCES; reduce++) {
          single.add(
              client.fetch("localhost", fixture.port(), "exec-1", shuffle, map, map, reduce));
        }
      }
    }

    int i = 0;
    long bytes = 0;
    for (int shuffle = 0; shuffle < 2; shuffle++) {
      for (int map = 0; map < MAPS; map++) {
        for (int reduce = 0; reduce < REDUCES; reduce++) {
          FetchedBlock block = await(single.get(i++)).get(0);
          byte[] expected = ShuffleFixture.blockContent(shuffle, map, reduce);
          assertArrayEquals(block.id().toString(), expected, block.toByteArray());
          assertEquals(reduce, block.id().reduceId());
          bytes += expected.length;
        }
      }
    }
    ShuffleFixture.awaitCount(
        2L * MAPS * REDUCES, () -> fixture.server.metrics().snapshot().blocksServed());
    ShuffleFixture.awaitCount(0, () -> fixture.server.metrics().snapshot().bytesInFlight());
    ShuffleServerMetrics.Snapshot m = fixture.server.metrics().snapshot();
    assertEquals(bytes, m.bytesServed());
    assertEquals(0, m.bytesInFlight());
    assertEquals(0, m.errors());
  }

  @Test
  public void aBatchOfReduceIdsComesBackInRequestOrderWithEmptyBlocks() throws Exception {
    int[] reduces = {24, 4, 0, 9, 9, 13};

    List<FetchedBlock> blocks =
        await(client.fetch("localhost", fixture.port(), "exec-1", 1, 3, 3, reduces));

    assertEquals(reduces.length, blocks.size());
    for (int i = 0; i < reduces.length; i++) {
      assertEquals(reduces[i], blocks.get(i).id().reduceId());
      assertArrayEquals(ShuffleFixture.blockContent(1, 3, reduces[i]), blocks.get(i).toByteArray());
    }
    assertEquals(0, blocks.get(1).length());
  }

  @Test
  public void twoAttemptsOfOneMapTaskKeepTheirOwnFilesAndEachIsServedByItsOutputId()
      throws Exception {
    // Attempt 100 of map 4 (of an executor of an earlier AM attempt, or a zombie stage attempt)
    // and attempt 200 write different records; neither file replaces the other.
    byte[][] first = ShuffleFixture.blocks(0, 40, REDUCES);
    byte[][] second = ShuffleFixture.blocks(1, 41, REDUCES);
    ShuffleFixture.writeMapOutput(dirs, 0, 4, 100, first);
    ShuffleFixture.writeMapOutput(dirs, 0, 4, 200, second);

    List<FetchedBlock> ofFirst =
        await(client.fetch("localhost", fixture.port(), "exec-1", 0, 4, 100, 1, 2));
    List<FetchedBlock> ofSecond =
        await(client.fetch("localhost", fixture.port(), "exec-1", 0, 4, 200, 1, 2));

    assertArrayEquals(first[1], ofFirst.get(0).toByteArray());
    assertArrayEquals(first[2], ofFirst.get(1).toByteArray());
    assertArrayEquals(second[1], ofSecond.get(0).toByteArray());
    assertArrayEquals(second[2], ofSecond.get(1).toByteArray());
    assertEquals(200, ofSecond.get(0).id().mapOutputId());
    BlockFetchException unknown =
        failure(
            BlockFetchException.class,
            client.fetch("localhost", fixture.port(), "exec-1", 0, 4, 300, 1));
    assertEquals(ErrorCode.BLOCK_NOT_FOUND, unknown.code());
    assertTrue(
        unknown.getMessage(), unknown.getMessage().contains(ShuffleFileNames.indexFile(0, 4, 300)));
  }

  @Test
  public void aMissingDataFileIsAnErrorNamingTheFileAndTheBlock() throws Exception {
    File data = dirs.fileFor(ShuffleFileNames.dataFile(0, 2, 2));
    Files.delete(data.toPath());

    BlockFetchException e =
        failure(
            BlockFetchException.class,
            client.fetch("localhost", fixture.port(), "exec-1", 0, 2, 2, 1));

    assertEquals(ErrorCode.BLOCK_NOT_FOUND, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(data.getPath()));
    assertTrue(e.getMessage(), e.getMessage().contains("shuffle 0, map 2 (output 2), reduce [1]"));
    assertTrue(e.getMessage(), e.getMessage().contains("node-1"));
    assertEquals(2, e.request().mapId());
  }

  @Test
  public void aMissingMapOutputIsAnErrorNamingItsIndexFile() throws Exception {
    BlockFetchException e =
        failure(
            BlockFetchException.class,
            client.fetch("localhost", fixture.port(), "exec-1", 0, 99, 99, 0));

    assertEquals(ErrorCode.BLOCK_NOT_FOUND, e.code());
    assertTrue(
        e.getMessage(),
        e.getMessage().contains(dirs.fileFor(ShuffleFileNames.indexFile(0, 99, 99)).getPath()));
  }

  @Test
  public void aDamagedIndexIsAnErrorNamingTheIndexFile() throws Exception {
    File index = dirs.fileFor(ShuffleFileNames.indexFile(1, 1, 1));
    Files.write(index.toPath(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});

    BlockFetchException e =
        failure(
            BlockFetchException.class,
            client.fetch("localhost", fixture.port(), "exec-1", 1, 1, 1, 0));

    assertEquals(ErrorCode.INVALID_SHUFFLE_FILE, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(index.getPath()));
  }

  @Test
  public void aReduceIdOutOfRangeIsRefusedAndTheConnectionStaysUsable() throws Exception {
    BlockFetchException e =
        failure(
            BlockFetchException.class,
            client.fetch("localhost", fixture.port(), "exec-1", 0, 0, 0, REDUCES));

    assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("found " + REDUCES));
    assertEquals(1, await(client.fetch("localhost", fixture.port(), "exec-1", 0, 0, 0, 0)).size());
  }
}
