package dev.weft.yarn.am.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;
import org.junit.Test;

public class DelegationTokensTest {
  private static Configuration conf(String defaultFs) {
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", defaultFs);
    return conf;
  }

  @Test
  public void fileSystemsAreTheDefaultOneThenEachListedOnceInOrder() {
    assertEquals(
        List.of(URI.create("hdfs://nn1:8020"), URI.create("hdfs://ns2"), URI.create("viewfs://c/")),
        DelegationTokens.fileSystems(
            conf("hdfs://nn1:8020"), " hdfs://ns2, viewfs://c/ ,,hdfs://nn1:8020"));
  }

  @Test
  public void fileSystemsWithoutTheAccessListAreTheDefaultOne() {
    assertEquals(
        List.of(URI.create("hdfs://nn1:8020")),
        DelegationTokens.fileSystems(conf("hdfs://nn1:8020"), null));
  }

  @Test
  public void anEntryThatIsNotAFileSystemUriIsRefusedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DelegationTokens.fileSystems(conf("hdfs://nn1:8020"), "nn2:8020 x"));
    assertTrue(e.getMessage(), e.getMessage().contains("weft.yarn.access.hadoopFileSystems"));
    assertTrue(e.getMessage(), e.getMessage().contains("'nn2:8020 x'"));
  }

  @Test
  public void executorsGetTheTokensWithoutTheAmrmTokenOrSecretKeys() throws Exception {
    Credentials am = new Credentials();
    am.addToken(
        new Text("nn:8020"),
        new Token<>(
            new byte[] {1},
            new byte[] {2},
            new Text("HDFS_DELEGATION_TOKEN"),
            new Text("nn:8020")));
    am.addToken(
        new Text("rm"),
        new Token<>(new byte[] {3}, new byte[] {4}, AMRMTokenIdentifier.KIND_NAME, new Text("rm")));
    am.addSecretKey(new Text("weft.secret"), new byte[] {9});

    Credentials sent = new Credentials();
    sent.readTokenStorageStream(
        new DataInputStream(new ByteArrayInputStream(DelegationTokens.tokensForExecutors(am))));

    assertEquals(1, sent.numberOfTokens());
    assertEquals(new Text("HDFS_DELEGATION_TOKEN"), sent.getToken(new Text("nn:8020")).getKind());
    assertEquals(0, sent.numberOfSecretKeys());
  }
}
