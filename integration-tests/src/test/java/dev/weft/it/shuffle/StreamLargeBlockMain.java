package dev.weft.it.shuffle;

import dev.weft.shuffle.client.BlockInputStream;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Runs in a YARN container with a small heap: streams block reduce 1 of one map output from a
 * node's shuffle service, reading it in small pieces, and writes "bytesRead crc32c
 * maxBytesBufferedAheadOfTheReader" to {@code resultFile}.
 *
 * <p>Arguments: host port appId secretHex executorId shuffleId mapId resultFile
 */
public final class StreamLargeBlockMain {
  private StreamLargeBlockMain() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String appId = args[2];
    byte[] secret = MapOutputs.secret(args[3]);
    String executorId = args[4];
    int shuffleId = Integer.parseInt(args[5]);
    int mapId = Integer.parseInt(args[6]);
    File result = new File(args[7]);

    ShuffleClient client = new ShuffleClient(ShuffleClientConfig.builder(appId, secret).build());
    try (BlockInputStream in =
        client.stream(host, port, executorId, shuffleId, mapId, mapId, 1)
            .get(30, TimeUnit.SECONDS)) {
      CRC32C crc = new CRC32C();
      byte[] piece = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(piece)) >= 0) {
        crc.update(piece, 0, n);
        total += n;
      }
      Files.writeString(
          result.toPath(),
          total + " " + (int) crc.getValue() + " " + in.maxBufferedBytes(),
          StandardCharsets.UTF_8);
    } finally {
      client.close();
    }
  }
}
