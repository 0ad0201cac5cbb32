package dev.weft.executor;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.spi.cluster.ExecutorLaunch;
import java.io.File;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ContainerSecretTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void readsTheSecretFromTheTokenFileYarnNames() throws Exception {
    byte[] secret = "s3cr3t".getBytes(StandardCharsets.UTF_8);
    Credentials credentials = new Credentials();
    credentials.addSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS), secret);
    File file = tmp.newFile("container_tokens");
    credentials.writeTokenStorageFile(
        new org.apache.hadoop.fs.Path(file.toURI()), new Configuration(false));

    assertArrayEquals(secret, ContainerSecret.read(file.getPath()));
  }

  @Test
  public void anUnreadableTokenFileFailsNamingIt() {
    File missing = new File(tmp.getRoot(), "no-such-tokens");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ContainerSecret.read(missing.getPath()));
    assertTrue(e.getMessage(), e.getMessage().contains(missing.getPath()));
  }

  @Test
  public void aTokenFileWithoutTheSecretFailsNamingTheAlias() throws Exception {
    File file = tmp.newFile("empty_tokens");
    new Credentials()
        .writeTokenStorageFile(
            new org.apache.hadoop.fs.Path(file.toURI()), new Configuration(false));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ContainerSecret.read(file.getPath()));
    assertTrue(e.getMessage(), e.getMessage().contains(ExecutorLaunch.SECRET_ALIAS));
  }
}
