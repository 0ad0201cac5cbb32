package dev.weft.shuffle.server;

import dev.weft.auth.FrameCipher;
import dev.weft.shuffle.client.FetchRequest;
import dev.weft.shuffle.client.FetchedBlock;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Prints what encrypting shuffle connections ({@code weft.shuffle.encryption.enabled}) costs: MiB/s
 * of fetching every block of a set of map outputs from a real shuffle server over loopback,
 * plaintext (zero-copy from the files) against AES-256-GCM records, the time to open an
 * authenticated connection, and the cipher's own speed on one thread as the ceiling. Blocks are
 * verified against their CRC32C either way, as executors do. Not a test: run it by hand, e.g.
 *
 * <pre>
 * java -cp shuffle-service/target/test-classes:shuffle-service/target/classes:$(cat cp.txt) \
 *     dev.weft.shuffle.server.ShuffleEncryptionBenchmark [MiB] [rounds]
 * </pre>
 */
public final class ShuffleEncryptionBenchmark {
  private static final byte[] SECRET = "benchmark-secret".getBytes(StandardCharsets.UTF_8);
  private static final int MAPS = 16;
  private static final int REDUCES = 8;
  private static final int CONCURRENT_FETCHES = 4;

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int blockBytes = (int) ((long) mib << 20) / (MAPS * REDUCES);
    Path dir = Files.createTempDirectory("weft-shuffle-bench");
    LocalDirLayout layout = ShuffleFixture.executorDirs(dir.toFile(), 1);
    Random random = new Random(7);
    for (int map = 0; map < MAPS; map++) {
      byte[][] blocks = new byte[REDUCES][blockBytes];
      for (byte[] b : blocks) {
        random.nextBytes(b);
      }
      ShuffleFixture.writeMapOutput(layout, 0, map, blocks);
    }
    System.out.printf(
        Locale.ROOT,
        "shuffle fetch over loopback: %d MiB in %d blocks of %d KiB, %d fetches in flight,"
            + " %d cores, %s%n",
        mib,
        MAPS * REDUCES,
        blockBytes >> 10,
        CONCURRENT_FETCHES,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));
    try (ShuffleServer server =
        new ShuffleServer(ShuffleServerConfig.builder().port(0).nodeName("bench").build())) {
      int port = server.start();
      server.registerApplication("app-bench", SECRET);
      for (int round = 0; round < rounds; round++) {
        for (boolean encrypt : new boolean[] {false, true}) {
          run(port, layout, encrypt, (long) blockBytes * MAPS * REDUCES);
        }
        cipherAlone(mib);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** The ceiling: sealing and opening records on one thread, no network, no copies. */
  private static void cipherAlone(int mib) throws Exception {
    byte[] session = new byte[32];
    FrameCipher sealer = FrameCipher.sealing(session, "server");
    FrameCipher opener = FrameCipher.opening(session, "server");
    ByteBuffer plain = ByteBuffer.allocate(FrameCipher.MAX_PLAINTEXT);
    ByteBuffer record = ByteBuffer.allocate(FrameCipher.MAX_PLAINTEXT + FrameCipher.OVERHEAD);
    ByteBuffer opened = ByteBuffer.allocate(FrameCipher.MAX_PLAINTEXT);
    int records = (mib << 20) / FrameCipher.MAX_PLAINTEXT;
    long start = System.nanoTime();
    for (int i = 0; i < records; i++) {
      plain.clear();
      record.clear();
      sealer.seal(plain, record);
      record.flip().getInt();
      opened.clear();
      opener.open(record, opened);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "cipher alone (seal + open, one thread)     %8.1f MiB/s%n",
        (double) mib / seconds);
  }

  private static void run(int port, LocalDirLayout layout, boolean encrypt, long totalBytes)
      throws Exception {
    try (ShuffleClient client =
        new ShuffleClient(
            ShuffleClientConfig.builder("app-bench", SECRET)
                .ioThreads(1)
                .maxBytesInFlight(48L << 20)
                .encrypt(encrypt)
                .build())) {
      long t0 = System.nanoTime();
      client.registerExecutor("localhost", port, "exec-1", layout).get();
      double connectMs = (System.nanoTime() - t0) / 1e6;
      long bytes = 0;
      long start = System.nanoTime();
      List<CompletableFuture<List<FetchedBlock>>> inFlight = new ArrayList<>();
      for (int map = 0; map < MAPS; map++) {
        int[] reduces = new int[REDUCES];
        for (int r = 0; r < REDUCES; r++) {
          reduces[r] = r;
        }
        inFlight.add(
            client.fetch(
                "localhost", port, FetchRequest.of("app-bench", "exec-1", 0, map, map, reduces)));
        if (inFlight.size() == CONCURRENT_FETCHES || map == MAPS - 1) {
          for (CompletableFuture<List<FetchedBlock>> f : inFlight) {
            for (FetchedBlock b : f.get()) {
              bytes += b.data().remaining();
            }
          }
          inFlight.clear();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (bytes != totalBytes) {
        throw new IllegalStateException("fetched " + bytes + " bytes, expected " + totalBytes);
      }
      System.out.printf(
          Locale.ROOT,
          "%-9s  connect+register %6.1f ms   fetch %8.1f MiB/s%n",
          encrypt ? "AES-GCM" : "plaintext",
          connectMs,
          bytes / 1048576.0 / seconds);
    }
  }
}
