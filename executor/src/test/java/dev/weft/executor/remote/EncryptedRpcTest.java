package dev.weft.executor.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A job on executors whose RPC with the driver is TLS ({@code weft.rpc.encryption.enabled}), and
 * one whose shuffle connections are encrypted ({@code weft.shuffle.encryption.enabled}) with a
 * shuffle service that refuses plaintext ones.
 */
public class EncryptedRpcTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aShuffleJobRunsOverEncryptedRpc() throws Exception {
    try (InProcessCluster cluster =
        new InProcessCluster(tmp.getRoot(), 2, Map.of("weft.rpc.encryption.enabled", "true"))) {
      assertTrue(cluster.backend.encrypted());
      assertWordCount(cluster);
    }
  }

  @Test
  public void aShuffleJobFetchesOverEncryptedShuffleConnections() throws Exception {
    try (InProcessCluster cluster =
        new InProcessCluster(tmp.getRoot(), 2, Map.of("weft.shuffle.encryption.enabled", "true"))) {
      assertWordCount(cluster);
      // The service requires encryption for the application, so every fetch was encrypted.
      assertTrue(cluster.shuffle.metrics().snapshot().bytesServed() > 0);
    }
  }

  private static void assertWordCount(InProcessCluster cluster) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      words.add("w" + (i % 11));
    }
    Map<String, Integer> counts =
        cluster
            .context
            .parallelize(words, 6)
            .flatMap(w -> Arrays.asList(w).iterator())
            .mapToPair(w -> new Tuple2<>(w, 1))
            .reduceByKey(Integer::sum, 4)
            .collectAsMap();

    Map<String, Integer> expected = new TreeMap<>();
    words.forEach(w -> expected.merge(w, 1, Integer::sum));
    assertEquals(expected, new TreeMap<>(counts));
    assertTrue(cluster.executor("exec-1").tasksLaunched() > 0);
    assertTrue(cluster.executor("exec-2").tasksLaunched() > 0);
  }
}
