package dev.weft.shuffle.server;

import static org.junit.Assert.assertEquals;

import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.MapOutputCommitter;
import dev.weft.shuffle.layout.ShuffleFileNames;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/** Writes map outputs the way executors do and starts servers and clients for tests. */
final class ShuffleFixture implements AutoCloseable {
  static final byte[] SECRET_A = "secret-of-app-a".getBytes(StandardCharsets.UTF_8);
  static final byte[] SECRET_B = "secret-of-app-b".getBytes(StandardCharsets.UTF_8);

  final ShuffleServer server;
  private final List<ShuffleClient> clients = new ArrayList<>();

  ShuffleFixture(ShuffleServerConfig.Builder config) throws IOException {
    server = new ShuffleServer(config.port(0).nodeName("node-1").ioThreads(2).build());
    server.start();
  }

  ShuffleFixture() throws IOException {
    this(ShuffleServerConfig.builder());
  }

  int port() {
    return server.port();
  }

  /** A client that fails fast: no retries unless a test asks for them. */
  ShuffleClient client(String appId, byte[] secret) {
    return client(ShuffleClientConfig.builder(appId, secret).maxRetries(0));
  }

  ShuffleClient client(ShuffleClientConfig.Builder config) {
    ShuffleClient client =
        new ShuffleClient(config.ioThreads(1).retryWait(Duration.ofMillis(10)).build());
    clients.add(client);
    return client;
  }

  /** Local dirs of one executor: {@code count} roots under {@code parent}. */
  static LocalDirLayout executorDirs(File parent, int count) {
    List<File> roots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      roots.add(new File(parent, "local-" + i));
    }
    return LocalDirLayout.of(roots);
  }

  /** Commits one map output whose block {@code r} holds {@code blocks[r]}, as an executor does. */
  static File writeMapOutput(LocalDirLayout layout, int shuffleId, int mapId, byte[][] blocks)
      throws IOException {
    return writeMapOutput(layout, shuffleId, mapId, mapId, blocks);
  }

  /** Commits the output {@code mapOutputId} of map task {@code mapId}. */
  static File writeMapOutput(
      LocalDirLayout layout, int shuffleId, int mapId, long mapOutputId, byte[][] blocks)
      throws IOException {
    File data = layout.fileFor(ShuffleFileNames.dataFile(shuffleId, mapId, mapOutputId));
    File index = layout.fileFor(ShuffleFileNames.indexFile(shuffleId, mapId, mapOutputId));
    Files.createDirectories(data.getParentFile().toPath());
    Files.createDirectories(index.getParentFile().toPath());
    File temp = MapOutputCommitter.tempFileFor(data);
    long[] lengths = new long[blocks.length];
    int[] checksums = new int[blocks.length];
    try (var out = Files.newOutputStream(temp.toPath())) {
      for (int r = 0; r < blocks.length; r++) {
        out.write(blocks[r]);
        lengths[r] = blocks[r].length;
        CRC32C crc = new CRC32C();
        crc.update(blocks[r]);
        checksums[r] = (int) crc.getValue();
      }
    }
    MapOutputCommitter.commit(temp, data, index, lengths, checksums);
    return data;
  }

  /** Deterministic content of a block: empty for every fifth reduce id. */
  static byte[] blockContent(int shuffleId, int mapId, int reduceId) {
    if (reduceId % 5 == 4) {
      return new byte[0];
    }
    int length = 1 + (shuffleId * 7919 + mapId * 104729 + reduceId * 1299709) % 20_000;
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i * 31 + mapId * 17 + reduceId);
    }
    return b;
  }

  static byte[][] blocks(int shuffleId, int mapId, int reduces) {
    byte[][] blocks = new byte[reduces][];
    for (int r = 0; r < reduces; r++) {
      blocks[r] = blockContent(shuffleId, mapId, r);
    }
    return blocks;
  }

  /** The future's value, waiting at most 30 s. */
  static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The exception the future failed with; fails the test if it succeeds. */
  static <E extends Throwable> E failure(Class<E> type, CompletableFuture<?> future)
      throws Exception {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (type.isInstance(e.getCause())) {
        return type.cast(e.getCause());
      }
      throw new AssertionError("expected " + type.getSimpleName() + ", found " + e.getCause(), e);
    }
    throw new AssertionError("expected " + type.getSimpleName() + ", found success");
  }

  /**
   * Waits until {@code counter} reads {@code expected} (server counters move when the network
   * reports a write done, which may be just after the client has the bytes), at most 10 s.
   */
  static void awaitCount(long expected, LongSupplier counter) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counter.getAsLong() != expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    assertEquals(expected, counter.getAsLong());
  }

  @Override
  public void close() {
    for (ShuffleClient c : clients) {
      c.close();
    }
    server.close();
  }
}
