package dev.weft.it.shuffle;

import dev.weft.shuffle.client.FetchedBlock;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs in a YARN container: fetches every block of one map output from a node's shuffle service and
 * writes them, concatenated in reduce order, to {@code resultFile}.
 *
 * <p>Arguments: host port appId secretHex executorId shuffleId mapId resultFile
 */
public final class FetchMapOutputMain {
  private FetchMapOutputMain() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String appId = args[2];
    byte[] secret = MapOutputs.secret(args[3]);
    String executorId = args[4];
    int shuffleId = Integer.parseInt(args[5]);
    int mapId = Integer.parseInt(args[6]);
    File result = new File(args[7]);

    int[] reduces = new int[MapOutputs.REDUCES];
    for (int r = 0; r < reduces.length; r++) {
      reduces[r] = r;
    }
    ShuffleClient client = new ShuffleClient(ShuffleClientConfig.builder(appId, secret).build());
    try {
      List<FetchedBlock> blocks =
          client
              .fetch(host, port, executorId, shuffleId, mapId, mapId, reduces)
              .get(30, TimeUnit.SECONDS);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (FetchedBlock b : blocks) {
        all.write(b.toByteArray());
      }
      Files.write(result.toPath(), all.toByteArray());
    } finally {
      client.close();
    }
  }
}
