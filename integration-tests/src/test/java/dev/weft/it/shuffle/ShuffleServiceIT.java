package dev.weft.it.shuffle;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.it.yarn.MiniYarn;
import dev.weft.it.yarn.UnmanagedAm;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.Container;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The shuffle service inside MiniYARNCluster NodeManagers, loaded from the shaded jar: a container
 * writes a map output and exits; another container fetches it from the service; when the
 * application ends the service deletes the files. A reduce partition larger than the reader's heap
 * streams through the service.
 */
public class ShuffleServiceIT {
  /**
   * Bytes of the large block; {@code -Dweft.it.largeBlockBytes=3221225472} runs the 3 GiB version
   * (about a minute, 3 GiB of disk).
   */
  private static final long LARGE_BLOCK_BYTES = Long.getLong("weft.it.largeBlockBytes", 300L << 20);

  /** How long writing or reading the large block may take: a minute per GiB, 2 at least. */
  private static final Duration LARGE_BLOCK_WAIT =
      Duration.ofMinutes(Math.max(2, (LARGE_BLOCK_BYTES >> 30) + 1));

  private static MiniYarn yarn;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @BeforeClass
  public static void startYarn() {
    // Keep finished applications' directories, so that only the shuffle service can remove the
    // map output files and the test sees that it did.
    yarn =
        MiniYarn.start(
            ShuffleServiceIT.class, 2, Map.of("yarn.nodemanager.delete.debug-delay-sec", "600"));
  }

  @AfterClass
  public static void stopYarn() throws Exception {
    yarn.close();
  }

  @Test
  public void aMapOutputOutlivesItsWriterAndIsDeletedWhenTheApplicationStops() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String secretHex = HexFormat.of().formatHex(secret);
    Map<String, ByteBuffer> serviceData = Map.of(MiniYarn.SHUFFLE_SERVICE, ByteBuffer.wrap(secret));
    File written = tmp.newFile("written");
    File fetched = tmp.newFile("fetched");

    try (UnmanagedAm am = UnmanagedAm.start(yarn.conf(), "shuffle-service-it")) {
      String appId = am.applicationId().toString();
      Container writer = am.allocate(128);
      int port = yarn.shufflePort(writer.getNodeId());
      Map<String, ByteBuffer> meta =
          am.launch(
              writer,
              WriteMapOutputMain.class,
              List.of(
                  writer.getNodeId().getHost(),
                  String.valueOf(port),
                  appId,
                  secretHex,
                  "exec-1",
                  "0",
                  "3",
                  written.getPath()),
              serviceData);
      assertEquals(
          "the container start reports the service's port",
          port,
          meta.get(MiniYarn.SHUFFLE_SERVICE).duplicate().getInt());
      assertEquals(0, am.awaitCompletion(writer.getId()));
      File dataFile = new File(Files.readString(written.toPath(), StandardCharsets.UTF_8));
      assertTrue("the map output is on the node's disk: " + dataFile, dataFile.isFile());

      Container reader = am.allocate(128);
      am.launch(
          reader,
          FetchMapOutputMain.class,
          List.of(
              writer.getNodeId().getHost(),
              String.valueOf(port),
              appId,
              secretHex,
              "exec-1",
              "0",
              "3",
              fetched.getPath()),
          serviceData);
      assertEquals(0, am.awaitCompletion(reader.getId()));
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (int r = 0; r < MapOutputs.REDUCES; r++) {
        expected.write(MapOutputs.block(3, r));
      }
      assertArrayEquals(expected.toByteArray(), Files.readAllBytes(fetched.toPath()));

      am.finish();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (dataFile.exists() && System.nanoTime() < deadline) {
        Thread.sleep(50); // the NodeManager tells the service asynchronously
      }
      assertTrue("stopApplication deleted the map output", !dataFile.exists());
    }
  }

  @Test
  public void aPartitionLargerThanTheReadersHeapStreamsThroughTheServiceExactly() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String secretHex = HexFormat.of().formatHex(secret);
    Map<String, ByteBuffer> serviceData = Map.of(MiniYarn.SHUFFLE_SERVICE, ByteBuffer.wrap(secret));
    File written = tmp.newFile("written");
    File streamed = tmp.newFile("streamed");

    try (UnmanagedAm am = UnmanagedAm.start(yarn.conf(), "shuffle-service-large-block-it")) {
      String appId = am.applicationId().toString();
      Container writer = am.allocate(128);
      String host = writer.getNodeId().getHost();
      int port = yarn.shufflePort(writer.getNodeId());
      am.launch(
          writer,
          WriteLargeBlockMain.class,
          List.of(
              host,
              String.valueOf(port),
              appId,
              secretHex,
              "exec-1",
              "0",
              "0",
              String.valueOf(LARGE_BLOCK_BYTES),
              written.getPath()),
          serviceData);
      assertEquals(0, am.awaitCompletion(writer.getId(), LARGE_BLOCK_WAIT));
      String[] wrote = Files.readString(written.toPath(), StandardCharsets.UTF_8).split(" ");

      // The reader's JVM has a 96 MiB heap (UnmanagedAm): the block cannot be held whole.
      Container reader = am.allocate(128);
      am.launch(
          reader,
          StreamLargeBlockMain.class,
          List.of(
              host, String.valueOf(port), appId, secretHex, "exec-1", "0", "0", streamed.getPath()),
          serviceData);
      assertEquals(0, am.awaitCompletion(reader.getId(), LARGE_BLOCK_WAIT));
      String[] read = Files.readString(streamed.toPath(), StandardCharsets.UTF_8).split(" ");

      assertEquals("bytes read", LARGE_BLOCK_BYTES, Long.parseLong(read[0]));
      assertEquals("CRC32C of the bytes read", wrote[2], read[1]);
      long held = Long.parseLong(read[2]);
      System.out.printf(
          "Streamed %d MiB through the shuffle service; at most %d KiB held ahead of the reader%n",
          LARGE_BLOCK_BYTES >> 20, held >> 10);
      assertTrue("held " + held + " bytes ahead of the reader", held <= (1 << 20) + (64 << 10));
      am.finish();
    }
  }
}
