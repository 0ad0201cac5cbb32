package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.BlockId;
import dev.weft.shuffle.client.CorruptBlockException;
import dev.weft.shuffle.client.FetchedBlock;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleIndex;
import java.io.File;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ChecksumTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private LocalDirLayout dirs;
  private File data;

  @Before
  public void setUp() throws Exception {
    fixture = new ShuffleFixture();
    fixture.server.registerApplication("app-a", SECRET_A);
    dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec-1"), 2);
    data = ShuffleFixture.writeMapOutput(dirs, 3, 7, ShuffleFixture.blocks(3, 7, 4));
    await(
        fixture
            .client("app-a", SECRET_A)
            .registerExecutor("localhost", fixture.port(), "exec-1", dirs));
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void aBlockCorruptOnDiskFailsTwiceAndIsBlamedByNodeFileAndIds() throws Exception {
    ShuffleIndex index = ShuffleIndex.read(dirs.fileFor(ShuffleFileNames.indexFile(3, 7, 7)));
    try (RandomAccessFile f = new RandomAccessFile(data, "rw")) {
      long pos = index.offset(2) + 10;
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x40);
    }
    List<Integer> attempts = new ArrayList<>();
    ShuffleClient client =
        fixture.client(
            ShuffleClientConfig.builder("app-a", SECRET_A)
                .maxRetries(0)
                .faultInjector(
                    (block, attempt, bytes) -> attempts.add(block.reduceId() * 10 + attempt)));

    CorruptBlockException e =
        failure(
            CorruptBlockException.class,
            client.fetch("localhost", fixture.port(), "exec-1", 3, 7, 7, 1, 2, 3));

    assertEquals(new BlockId("exec-1", 3, 7, 7, 2), e.block());
    assertEquals(data.getPath(), e.file());
    assertEquals("localhost:" + fixture.port(), e.node());
    assertEquals(index.checksum(2), e.expectedCrc());
    assertTrue(e.getMessage(), e.getMessage().contains("shuffle 3, map 7 (output 7), reduce 2"));
    assertTrue(e.getMessage(), e.getMessage().contains(data.getPath()));
    assertEquals(7, e.request().mapId());
    // Blocks 1 and 3 passed on the first transfer; only block 2 was fetched again.
    assertEquals(List.of(11, 21, 31, 22), attempts);
  }

  @Test
  public void aCorruptionInTheFirstTransferOnlyIsHealedByTheRefetch() throws Exception {
    ShuffleClient client =
        fixture.client(
            ShuffleClientConfig.builder("app-a", SECRET_A)
                .maxRetries(0)
                .faultInjector(
                    (block, attempt, bytes) -> {
                      if (attempt == 1 && block.reduceId() == 1) {
                        bytes[0] ^= 1;
                      }
                    }));

    List<FetchedBlock> blocks =
        await(client.fetch("localhost", fixture.port(), "exec-1", 3, 7, 7, 0, 1, 2));

    for (int r = 0; r < 3; r++) {
      assertArrayEquals(ShuffleFixture.blockContent(3, 7, r), blocks.get(r).toByteArray());
    }
    ShuffleFixture.awaitCount(4, () -> fixture.server.metrics().snapshot().blocksServed());
  }
}
