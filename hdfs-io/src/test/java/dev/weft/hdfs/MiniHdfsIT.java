package dev.weft.hdfs;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Specification of the {@link MiniHdfs} test cluster itself. */
public class MiniHdfsIT {
  private static MiniHdfs hdfs;

  @BeforeClass
  public static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start(MiniHdfsIT.class);
  }

  @AfterClass
  public static void stopHdfs() {
    hdfs.close();
  }

  @Test
  public void fileIsStoredInBlocksOfTheGivenSizeOnBothDataNodes() throws IOException {
    byte[] data = new byte[3 * 4096 + 100];
    Path file = hdfs.writeFile("/mini/blocks.bin", data, 4096);

    FileStatus status = hdfs.fs().getFileStatus(file);
    BlockLocation[] blocks = hdfs.fs().getFileBlockLocations(status, 0, status.getLen());

    assertEquals(data.length, status.getLen());
    assertEquals(4096, status.getBlockSize());
    assertEquals(4, blocks.length);
    for (BlockLocation block : blocks) {
      assertArrayEquals(
          "MiniDFSCluster DataNodes report the loopback address",
          new String[] {"127.0.0.1", "127.0.0.1"},
          block.getHosts());
    }
  }

  @Test
  public void unqualifiedPathsOfItsConfigurationResolveIntoTheCluster() throws IOException {
    hdfs.writeFile("/mini/a.txt", new byte[] {'a', '\n'}, 1024);
    Path unqualified = new Path("/mini/a.txt");
    assertEquals(hdfs.uri().getScheme(), unqualified.getFileSystem(hdfs.conf()).getScheme());
    assertEquals(
        hdfs.path("/mini/a.txt"),
        unqualified.getFileSystem(hdfs.conf()).makeQualified(unqualified));
  }
}
