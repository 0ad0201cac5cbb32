package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import dev.weft.shuffle.client.FetchedBlock;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Load check: 2,000 client connections, each its own client on a shared two-thread event loop
 * group, fetch blocks from one service with two I/O threads. No connection may fail; the service's
 * memory at peak is printed.
 */
public class ManyConnectionsLoadTest {
  private static final int CLIENTS = 2_000;
  private static final int MAPS = 20;
  private static final int REDUCES = 10;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private NioEventLoopGroup clientGroup;
  private final List<ShuffleClient> clients = new ArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakDirect = new AtomicLong();
  private final AtomicLong peakServerPool = new AtomicLong();
  private final AtomicLong peakConnections = new AtomicLong();

  @Before
  public void setUp() throws Exception {
    fixture =
        new ShuffleFixture(
            ShuffleServerConfig.builder()
                .maxConnections(CLIENTS + 100)
                // Every client connects from one address here, all at once.
                .maxPendingHandshakes(CLIENTS)
                .maxPendingHandshakesPerAddress(CLIENTS)
                .maxConnectionsPerApp(CLIENTS)
                .maxBytesInFlight(8 << 20));
    fixture.server.registerApplication("app-a", SECRET_A);
    clientGroup = new NioEventLoopGroup(2);
    LocalDirLayout dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec"), 2);
    for (int map = 0; map < MAPS; map++) {
      ShuffleFixture.writeMapOutput(dirs, 0, map, ShuffleFixture.blocks(0, map, REDUCES));
    }
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(
          new ShuffleClient(
              ShuffleClientConfig.builder("app-a", SECRET_A)
                  .eventLoopGroup(clientGroup)
                  .maxRetries(5)
                  .retryWait(Duration.ofMillis(50))
                  .build()));
    }
    await(clients.get(0).registerExecutor("localhost", fixture.port(), "exec", dirs));
  }

  @After
  public void tearDown() {
    sampler.shutdownNow();
    for (ShuffleClient c : clients) {
      c.close();
    }
    clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    fixture.close();
  }

  @Test
  public void twoThousandConcurrentConnectionsAllGetTheirBlocks() throws Exception {
    sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();

    // Round 1 opens every connection; round 2 fetches again over the open connections.
    long bytes = 0;
    for (int round = 0; round < 2; round++) {
      List<CompletableFuture<List<FetchedBlock>>> fetches = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int map = (i + round) % MAPS;
        fetches.add(
            clients.get(i).fetch("localhost", fixture.port(), "exec", 0, map, map, 0, 3, 4, 7));
      }
      for (int i = 0; i < CLIENTS; i++) {
        List<FetchedBlock> blocks = await(fetches.get(i));
        int map = (i + round) % MAPS;
        int[] reduces = {0, 3, 4, 7};
        for (int b = 0; b < reduces.length; b++) {
          assertArrayEquals(
              ShuffleFixture.blockContent(0, map, reduces[b]), blocks.get(b).toByteArray());
          bytes += blocks.get(b).length();
        }
      }
      sample();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    ShuffleFixture.awaitCount(
        2L * CLIENTS * 4, () -> fixture.server.metrics().snapshot().blocksServed());
    ShuffleServerMetrics.Snapshot m = fixture.server.metrics().snapshot();
    System.out.printf(
        "Load: %d client connections, %d blocks, %d bytes in %d ms; peak open connections %d;"
            + " peak JVM heap used %.1f MiB (clients and service in one JVM);"
            + " peak direct memory %.1f MiB (JVM-wide); peak service buffer pool %.1f MiB;"
            + " auth failures %d, errors %d, refused %d%n",
        CLIENTS,
        m.blocksServed(),
        bytes,
        millis,
        peakConnections.get(),
        peakHeap.get() / 1048576.0,
        peakDirect.get() / 1048576.0,
        peakServerPool.get() / 1048576.0,
        m.authFailures(),
        m.errors(),
        m.refusedConnections());
    assertEquals(CLIENTS, peakConnections.get());
    assertEquals(2L * CLIENTS * 4, m.blocksServed());
    assertEquals(bytes, m.bytesServed());
    assertEquals(0, m.authFailures() + m.errors() + m.refusedConnections());
  }

  private void sample() {
    peakHeap.accumulateAndGet(
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        peakDirect.accumulateAndGet(
            pool.getMemoryUsed() + Math.max(0, PlatformDependent.usedDirectMemory()), Math::max);
      }
    }
    ShuffleServerMetrics.Snapshot m = fixture.server.metrics().snapshot();
    peakServerPool.accumulateAndGet(m.directBufferBytes() + m.heapBufferBytes(), Math::max);
    peakConnections.accumulateAndGet(m.openConnections(), Math::max);
  }
}
