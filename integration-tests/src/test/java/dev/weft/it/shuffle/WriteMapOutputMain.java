package dev.weft.it.shuffle;

import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.MapOutputCommitter;
import dev.weft.shuffle.layout.ShuffleFileNames;
import java.io.File;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Runs in a YARN container: writes one map output into the container's local dirs, registers them
 * with its node's shuffle service, writes the data file's path to {@code resultFile}, and exits.
 *
 * <p>Arguments: host port appId secretHex executorId shuffleId mapId resultFile
 */
public final class WriteMapOutputMain {
  private WriteMapOutputMain() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String appId = args[2];
    byte[] secret = MapOutputs.secret(args[3]);
    String executorId = args[4];
    int shuffleId = Integer.parseInt(args[5]);
    int mapId = Integer.parseInt(args[6]);
    File result = new File(args[7]);

    List<File> roots = new ArrayList<>();
    for (String dir : System.getenv("LOCAL_DIRS").split(",")) {
      File root = new File(dir, "weft-shuffle-" + executorId);
      root.mkdirs(); // the service accepts only existing dirs inside the application's own
      roots.add(root);
    }
    LocalDirLayout layout = LocalDirLayout.of(roots);
    File data = layout.fileFor(ShuffleFileNames.dataFile(shuffleId, mapId, mapId));
    File index = layout.fileFor(ShuffleFileNames.indexFile(shuffleId, mapId, mapId));
    data.getParentFile().mkdirs();
    index.getParentFile().mkdirs();
    File temp = MapOutputCommitter.tempFileFor(data);
    long[] lengths = new long[MapOutputs.REDUCES];
    int[] checksums = new int[MapOutputs.REDUCES];
    try (FileOutputStream out = new FileOutputStream(temp)) {
      for (int r = 0; r < MapOutputs.REDUCES; r++) {
        byte[] block = MapOutputs.block(mapId, r);
        out.write(block);
        CRC32C crc = new CRC32C();
        crc.update(block);
        lengths[r] = block.length;
        checksums[r] = (int) crc.getValue();
      }
    }
    MapOutputCommitter.commit(temp, data, index, lengths, checksums);

    ShuffleClient client = new ShuffleClient(ShuffleClientConfig.builder(appId, secret).build());
    try {
      client.registerExecutor(host, port, executorId, layout).get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
    Files.writeString(result.toPath(), data.getAbsolutePath(), StandardCharsets.UTF_8);
  }
}
