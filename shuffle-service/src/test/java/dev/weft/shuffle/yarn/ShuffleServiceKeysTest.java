package dev.weft.shuffle.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.config.ServiceKey;
import dev.weft.shuffle.config.ShuffleServiceKeys;
import dev.weft.shuffle.server.ShuffleServerConfig;
import java.io.File;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.service.Service;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.Test;

/**
 * Every key of the service as a NodeManager reads it: its default, its parsing, its older name, and
 * the one-line error of a bad value.
 */
public class ShuffleServiceKeysTest {

  @Test
  public void defaults() {
    Configuration conf = new Configuration(false);
    conf.set(YarnConfiguration.NM_LOCAL_DIRS, "/data/1/yarn");

    ShuffleServerConfig c = ServerConfigFactory.create(conf);

    assertEquals(7447, c.port());
    assertEquals("", c.bindHost());
    assertEquals(4, c.diskThreads());
    assertEquals(4096, c.maxConnections());
    assertEquals(2048, c.maxConnectionsPerApp());
    assertEquals(512, c.maxPendingHandshakes());
    assertEquals(64, c.maxPendingHandshakesPerAddress());
    assertEquals(Duration.ofSeconds(10), c.handshakeTimeout());
    assertEquals(Duration.ofMinutes(10), c.idleTimeout());
    assertEquals(1 << 20, c.maxFrameSize());
    assertEquals(256L << 20, c.maxBytesInFlight());
    assertEquals(64L << 20, c.indexCacheBytes());
    assertEquals(16L << 20, c.maxIndexFileSize());
    assertEquals(List.of(new File("/data/1/yarn")), c.allowedLocalDirs());
    assertFalse(ServerConfigFactory.recoveryEnabled(conf));
  }

  @Test
  public void everyKeyIsRead() {
    Configuration conf = new Configuration(false);
    conf.set("weft.shuffle.service.port", "0");
    conf.set("weft.shuffle.service.bindHost", "127.0.0.1");
    conf.set("weft.shuffle.service.nodeName", "nm-7");
    conf.set("weft.shuffle.service.ioThreads", "3");
    conf.set("weft.shuffle.service.diskThreads", "2");
    conf.set("weft.shuffle.service.maxConnections", "10");
    conf.set("weft.shuffle.service.maxConnectionsPerApp", "5");
    conf.set("weft.shuffle.service.maxPendingHandshakes", "7");
    conf.set("weft.shuffle.service.maxPendingHandshakesPerAddress", "2");
    conf.set("weft.shuffle.service.handshakeTimeout", "2s");
    conf.set("weft.shuffle.service.idleTimeout", "5min");
    conf.set("weft.shuffle.service.maxFrameSize", "64k");
    conf.set("weft.shuffle.service.maxBytesInFlight", "2M");
    conf.set("weft.shuffle.service.indexCacheSize", "0");
    conf.set("weft.shuffle.service.maxIndexFileSize", "1m");
    conf.set("weft.shuffle.service.allowedLocalDirs", "/a, /b");
    conf.set(YarnConfiguration.NM_RECOVERY_ENABLED, "TRUE");

    ShuffleServerConfig c = ServerConfigFactory.create(conf);

    assertEquals(0, c.port());
    assertEquals("127.0.0.1", c.bindHost());
    assertEquals("nm-7", c.nodeName());
    assertEquals(3, c.ioThreads());
    assertEquals(2, c.diskThreads());
    assertEquals(10, c.maxConnections());
    assertEquals(5, c.maxConnectionsPerApp());
    assertEquals(7, c.maxPendingHandshakes());
    assertEquals(2, c.maxPendingHandshakesPerAddress());
    assertEquals(Duration.ofSeconds(2), c.handshakeTimeout());
    assertEquals(Duration.ofMinutes(5), c.idleTimeout());
    assertEquals(64 << 10, c.maxFrameSize());
    assertEquals(2L << 20, c.maxBytesInFlight());
    assertEquals(0, c.indexCacheBytes());
    assertEquals(1L << 20, c.maxIndexFileSize());
    assertEquals(List.of(new File("/a"), new File("/b")), c.allowedLocalDirs());
    assertTrue(ServerConfigFactory.recoveryEnabled(conf));
  }

  @Test
  public void theOlderDottedNamesAreStillRead() {
    Configuration conf = new Configuration(false);
    conf.set("weft.shuffle.io.threads", "3");
    conf.set("weft.shuffle.handshake.timeout", "3s");
    conf.set("weft.shuffle.max.frame.size", "2m");

    ShuffleServerConfig c = ServerConfigFactory.create(conf);

    assertEquals(3, c.ioThreads());
    assertEquals(Duration.ofSeconds(3), c.handshakeTimeout());
    assertEquals(2 << 20, c.maxFrameSize());
  }

  @Test
  public void theNewNameWinsOverTheOlderOne() {
    Configuration conf = new Configuration(false);
    conf.set("weft.shuffle.io.threads", "3");
    conf.set("weft.shuffle.service.ioThreads", "5");

    assertEquals(5, ServerConfigFactory.create(conf).ioThreads());
  }

  @Test
  public void aBadValueFailsWithOneLineNamingTheKeyAndValue() {
    assertInvalid("weft.shuffle.service.port", "65536", "a port between 0 and 65535");
    assertInvalid("weft.shuffle.service.port", "http", "a port between 0 and 65535");
    assertInvalid("weft.shuffle.service.maxConnections", "0", "an integer of at least 1");
    assertInvalid("weft.shuffle.service.maxBytesInFlight", "100", "a size of at least 1k");
    assertInvalid("weft.shuffle.service.maxBytesInFlight", "lots", "a size of at least 1k");
    assertInvalid("weft.shuffle.service.indexCacheSize", "-1", "a size of 0 or more");
    assertInvalid("weft.shuffle.service.handshakeTimeout", "0s", "a positive duration");
    assertInvalid("weft.shuffle.service.handshakeTimeout", "soon", "a positive duration");
    assertInvalid("weft.shuffle.handshake.timeout", "soon", "a positive duration");
    assertInvalid("weft.shuffle.service.maxIndexFileSize", "3g", "a size between 1k and 2g");
    assertInvalid("yarn.nodemanager.recovery.enabled", "yes", "true or false");
  }

  @Test
  public void sizesAndDurationsAreWrittenAsInTheRestOfWeft() {
    Configuration conf = new Configuration(false);
    conf.set("weft.shuffle.service.maxBytesInFlight", "64mb");
    conf.set("weft.shuffle.service.indexCacheSize", "4096");
    conf.set("weft.shuffle.service.handshakeTimeout", "1500");
    conf.set("weft.shuffle.service.idleTimeout", "2h");

    ShuffleServerConfig c = ServerConfigFactory.create(conf);

    assertEquals(64L << 20, c.maxBytesInFlight());
    assertEquals(4096, c.indexCacheBytes());
    assertEquals(Duration.ofMillis(1500), c.handshakeTimeout());
    assertEquals(Duration.ofHours(2), c.idleTimeout());
  }

  @Test
  public void everyKeyIsDocumentedUnderOnePrefixWithAValidDefault() {
    Set<String> names = new HashSet<>();
    for (ServiceKey<?> key : ShuffleServiceKeys.all()) {
      assertTrue(key.name(), key.name().startsWith("weft.shuffle.service."));
      assertTrue(key.name(), key.name().matches("weft\\.shuffle\\.service\\.[a-z][A-Za-z]*"));
      assertFalse(key.name(), key.doc().isBlank());
      assertTrue("declared twice: " + key.name(), names.add(key.name()));
      key.parse(key.defaultValue());
    }
  }

  @Test
  public void serviceInitFailsLoudlyOnABadValue() {
    Configuration conf = new Configuration(false);
    conf.set("weft.shuffle.service.maxConnections", "many");
    WeftShuffleService service = new WeftShuffleService();

    RuntimeException e = assertThrows(RuntimeException.class, () -> service.init(conf));

    assertTrue(e.getMessage(), e.getMessage().contains("weft.shuffle.service.maxConnections"));
    assertEquals(Service.STATE.STOPPED, service.getServiceState());
  }

  @Test
  public void theNodeManagersLocalDirsAreTheAllowedDirs() {
    Configuration conf = new Configuration(false);
    conf.set(YarnConfiguration.NM_LOCAL_DIRS, "/data/1/yarn, file:///data/2/yarn");

    ShuffleServerConfig server = ServerConfigFactory.create(conf);

    assertEquals(
        List.of(new File("/data/1/yarn"), new File("/data/2/yarn")), server.allowedLocalDirs());
  }

  @Test
  public void theInstallSnippetNamesThisServiceAndValidSettings() {
    Configuration conf = new Configuration(false);
    conf.addResource(new Path(new File("../conf/yarn-site-weft-shuffle.xml").getAbsolutePath()));

    List<String> services = List.of(conf.getTrimmedStrings(YarnConfiguration.NM_AUX_SERVICES));
    assertTrue(services.toString(), services.contains(WeftShuffleService.SERVICE_NAME));
    assertEquals(
        WeftShuffleService.class.getName(),
        conf.get(
            String.format(YarnConfiguration.NM_AUX_SERVICE_FMT, WeftShuffleService.SERVICE_NAME)));
    assertEquals(7447, ServerConfigFactory.create(conf).port());
  }

  private static void assertInvalid(String key, String value, String expected) {
    Configuration conf = new Configuration(false);
    conf.set(key, value);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              ServerConfigFactory.create(conf);
              ServerConfigFactory.recoveryEnabled(conf);
            });

    assertEquals(
        "Invalid value '" + value + "' for " + key + ": expected " + expected, e.getMessage());
  }
}
