package dev.weft.it.shuffle;

import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.MapOutputCommitter;
import dev.weft.shuffle.layout.ShuffleFileNames;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Runs in a YARN container: writes one map output whose only non-empty block, reduce 1, holds
 * {@code bytes} bytes (a 1 MiB record repeated, each copy stamped with its number, so the data is
 * cheap to make but no two MiB are equal), registers the dirs with the node's shuffle service and
 * writes "dataFile length crc32c" to {@code resultFile}.
 *
 * <p>Arguments: host port appId secretHex executorId shuffleId mapId bytes resultFile
 */
public final class WriteLargeBlockMain {
  private WriteLargeBlockMain() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String appId = args[2];
    byte[] secret = MapOutputs.secret(args[3]);
    String executorId = args[4];
    int shuffleId = Integer.parseInt(args[5]);
    int mapId = Integer.parseInt(args[6]);
    long bytes = Long.parseLong(args[7]);
    File result = new File(args[8]);

    List<File> roots = new ArrayList<>();
    for (String dir : System.getenv("LOCAL_DIRS").split(",")) {
      File root = new File(dir, "weft-shuffle-" + executorId);
      root.mkdirs();
      roots.add(root);
    }
    LocalDirLayout layout = LocalDirLayout.of(roots);
    File data = layout.fileFor(ShuffleFileNames.dataFile(shuffleId, mapId, mapId));
    File index = layout.fileFor(ShuffleFileNames.indexFile(shuffleId, mapId, mapId));
    data.getParentFile().mkdirs();
    index.getParentFile().mkdirs();
    File temp = MapOutputCommitter.tempFileFor(data);
    CRC32C crc = new CRC32C();
    byte[] record = new byte[1 << 20];
    for (int i = 0; i < record.length; i++) {
      record[i] = (byte) (i * 131 + (i >>> 9));
    }
    try (OutputStream out = new FileOutputStream(temp)) {
      long written = 0;
      for (long copy = 0; written < bytes; copy++) {
        for (int b = 0; b < 8; b++) {
          record[b] = (byte) (copy >>> (8 * b));
        }
        int n = (int) Math.min(record.length, bytes - written);
        out.write(record, 0, n);
        crc.update(record, 0, n);
        written += n;
      }
    }
    MapOutputCommitter.commit(
        temp, data, index, new long[] {0, bytes}, new int[] {0, (int) crc.getValue()});

    ShuffleClient client = new ShuffleClient(ShuffleClientConfig.builder(appId, secret).build());
    try {
      client.registerExecutor(host, port, executorId, layout).get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
    Files.writeString(
        result.toPath(),
        data.getAbsolutePath() + " " + bytes + " " + (int) crc.getValue(),
        StandardCharsets.UTF_8);
  }
}
