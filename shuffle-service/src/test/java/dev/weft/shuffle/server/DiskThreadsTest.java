package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.SECRET_B;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Disk work runs on the server's disk threads, never on its network threads, and one application
 * uses at most half of them: while one application's disk work hangs, its next request waits, and
 * another application on the same (single) network thread is still served.
 */
public class DiskThreadsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleServer server;
  private final List<ShuffleClient> clients = new ArrayList<>();

  @After
  public void tearDown() {
    clients.forEach(ShuffleClient::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  public void aHangingDiskTaskStallsNeitherTheNetworkThreadNorOtherApplications() throws Exception {
    CountDownLatch diskHangs = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> threads = new ArrayList<>();
    server =
        new ShuffleServer(
            ShuffleServerConfig.builder()
                .port(0)
                .nodeName("node-1")
                .ioThreads(1)
                .diskThreads(2)
                .build(),
            executor -> {
              synchronized (threads) {
                threads.add(Thread.currentThread().getName());
              }
              if (executor.executorId().equals("slow")) {
                diskHangs.countDown();
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    server.registerApplication("app-a", SECRET_A);
    server.registerApplication("app-b", SECRET_B);
    server.start();
    LocalDirLayout dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec"), 1);
    ShuffleFixture.writeMapOutput(dirs, 0, 0, ShuffleFixture.blocks(0, 0, 3));

    // A's first disk task hangs on one of the two disk threads; A may use no other.
    CompletableFuture<Void> slow =
        client("app-a", SECRET_A).registerExecutor("localhost", server.port(), "slow", dirs);
    assertTrue(diskHangs.await(30, TimeUnit.SECONDS));
    CompletableFuture<Void> queuedBehind =
        client("app-a", SECRET_A).registerExecutor("localhost", server.port(), "next", dirs);
    ShuffleClient b = client("app-b", SECRET_B);
    await(b.registerExecutor("localhost", server.port(), "fast", dirs));
    byte[] block =
        await(b.fetch("localhost", server.port(), "fast", 0, 0, 0, 1)).get(0).toByteArray();
    boolean aDoneBeforeRelease = slow.isDone() || queuedBehind.isDone();
    release.countDown();
    await(slow);
    await(queuedBehind);

    assertArrayEquals(ShuffleFixture.blockContent(0, 0, 1), block);
    assertFalse(aDoneBeforeRelease);
    assertEquals(2, server.executors("app-a").size());
    synchronized (threads) {
      assertEquals(3, threads.size());
      for (String thread : threads) {
        assertTrue(thread, thread.startsWith("weft-shuffle-disk"));
      }
    }
  }

  private ShuffleClient client(String appId, byte[] secret) {
    ShuffleClient c =
        new ShuffleClient(
            ShuffleClientConfig.builder(appId, secret)
                .ioThreads(1)
                .maxRetries(0)
                .retryWait(Duration.ofMillis(10))
                .build());
    clients.add(c);
    return c;
  }
}
