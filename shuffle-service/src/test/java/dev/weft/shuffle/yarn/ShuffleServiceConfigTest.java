package dev.weft.shuffle.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.server.ShuffleServerConfig;
import java.io.File;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.service.Service;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.Test;

/** Every key of the service: its default, its parsing, and the one-line error of a bad value. */
public class ShuffleServiceConfigTest {

  @Test
  public void defaults() {
    assertEquals(
        new ShuffleServiceConfig(7447, 4096, 256L << 20, 64L << 20, false),
        ShuffleServiceConfig.from(new Configuration(false)));
  }

  @Test
  public void everyKeyIsRead() {
    Configuration conf = new Configuration(false);
    conf.set("weft.shuffle.service.port", "0");
    conf.set("weft.shuffle.service.maxConnections", "10");
    conf.set("weft.shuffle.service.maxBytesInFlight", "2M");
    conf.set("weft.shuffle.service.indexCacheSize", "0");
    conf.set("yarn.nodemanager.recovery.enabled", "TRUE");

    assertEquals(
        new ShuffleServiceConfig(0, 10, 2L << 20, 0, true), ShuffleServiceConfig.from(conf));
  }

  @Test
  public void aBadValueFailsWithOneLineNamingTheKeyAndValue() {
    assertInvalid("weft.shuffle.service.port", "65536", "a port between 0 and 65535");
    assertInvalid("weft.shuffle.service.port", "http", "a port between 0 and 65535");
    assertInvalid("weft.shuffle.service.maxConnections", "0", "an integer of at least 1");
    assertInvalid("weft.shuffle.service.maxBytesInFlight", "100", "a size of at least 1k");
    assertInvalid("weft.shuffle.service.maxBytesInFlight", "64 MB", "a size of at least 1k");
    assertInvalid("weft.shuffle.service.indexCacheSize", "-1", "a size of 0 or more");
    assertInvalid("yarn.nodemanager.recovery.enabled", "yes", "true or false");
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
  public void aServerKeyThatTheServiceReplacesIsRefusedNamingTheOneToUse() {
    Configuration conf = new Configuration(false);
    conf.set(ShuffleServerConfig.PORT, "7000");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfigFactory.create(ShuffleServiceConfig.from(conf), conf));

    assertTrue(e.getMessage(), e.getMessage().contains("set weft.shuffle.service.port instead"));
  }

  @Test
  public void theServerTakesTheServiceLimitsAndTheNodeManagersLocalDirs() {
    Configuration conf = new Configuration(false);
    conf.set("weft.shuffle.service.port", "0");
    conf.set("weft.shuffle.service.maxConnections", "12");
    conf.set(YarnConfiguration.NM_LOCAL_DIRS, "/data/1/yarn, file:///data/2/yarn");
    conf.set(ShuffleServerConfig.IO_THREADS, "3");

    ShuffleServerConfig server = ServerConfigFactory.create(ShuffleServiceConfig.from(conf), conf);

    assertEquals(0, server.port());
    assertEquals(12, server.maxConnections());
    assertEquals(3, server.ioThreads());
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
    assertEquals(ShuffleServiceConfig.DEFAULT_PORT, ShuffleServiceConfig.from(conf).port());
  }

  private static void assertInvalid(String key, String value, String expected) {
    Configuration conf = new Configuration(false);
    conf.set(key, value);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShuffleServiceConfig.from(conf));

    assertEquals(
        "Invalid value '" + value + "' for " + key + ": expected " + expected, e.getMessage());
  }
}
