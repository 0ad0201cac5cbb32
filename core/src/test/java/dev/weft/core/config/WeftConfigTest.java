package dev.weft.core.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.Test;

public class WeftConfigTest {

  @Test
  public void everyCoreDefaultIsPinned() {
    WeftConfig c = WeftConfig.of(Map.of());
    assertNull(c.get(CoreConfig.MASTER));
    assertEquals("weft-app", c.get(CoreConfig.APP_NAME));
    assertNull(c.get(CoreConfig.DEFAULT_PARALLELISM));
    assertEquals(1L << 30, (long) c.get(CoreConfig.EXECUTOR_MEMORY));
    assertEquals(1, (int) c.get(CoreConfig.EXECUTOR_CORES));
    assertNull(c.get(CoreConfig.LOCAL_DIRS));
    assertEquals(4, (int) c.get(CoreConfig.TASK_MAX_FAILURES));
    assertEquals(Duration.ofSeconds(3), c.get(CoreConfig.LOCALITY_WAIT));
    assertNull(c.get(CoreConfig.LOCALITY_WAIT_PROCESS));
    assertNull(c.get(CoreConfig.LOCALITY_WAIT_NODE));
    assertNull(c.get(CoreConfig.LOCALITY_WAIT_RACK));
    assertEquals(Duration.ofMillis(100), c.get(CoreConfig.REVIVE_INTERVAL));
    assertEquals(4, (int) c.get(CoreConfig.STAGE_MAX_CONSECUTIVE_ATTEMPTS));
    assertEquals(1L << 30, (long) c.get(CoreConfig.DRIVER_MAX_RESULT_SIZE));
    assertTrue(c.get(CoreConfig.KRYO_REFERENCE_TRACKING));
    assertFalse(c.get(CoreConfig.KRYO_REGISTRATION_REQUIRED));
    assertEquals("", c.get(CoreConfig.KRYO_CLASSES));
  }

  @Test
  public void sizesAndDurationsAreWrittenWithUnits() {
    WeftConfig c =
        WeftConfig.of(
            Map.of(
                "weft.executor.memory", "512m",
                "weft.driver.maxResultSize", "2g",
                "weft.locality.wait", "250ms",
                "weft.locality.wait.node", "5min"));
    assertEquals(512L << 20, (long) c.get(CoreConfig.EXECUTOR_MEMORY));
    assertEquals(2L << 30, (long) c.get(CoreConfig.DRIVER_MAX_RESULT_SIZE));
    assertEquals(Duration.ofMillis(250), c.get(CoreConfig.LOCALITY_WAIT));
    assertEquals(Duration.ofMinutes(5), c.get(CoreConfig.LOCALITY_WAIT_NODE));
  }

  @Test
  public void anUnknownWeftKeyFailsNamingItAndTheClosestKnownKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> WeftConfig.of(Map.of("weft.task.maxFailure", "3")));
    assertEquals(
        "Unknown configuration key 'weft.task.maxFailure' (did you mean 'weft.task.maxFailures'?);"
            + " see docs/configuration.md for the keys Weft knows",
        e.getMessage());
  }

  @Test
  public void aMalformedValueFailsNamingKeyValueAndExpectedForm() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> WeftConfig.of(Map.of("weft.executor.memory", "lots")));
    assertEquals(
        "Invalid value 'lots' for configuration key 'weft.executor.memory': expected a size such"
            + " as 512k, 64m or 2g",
        e.getMessage());
  }

  @Test
  public void aValueOutsideItsRangeFailsWithTheConstraint() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> WeftConfig.of(Map.of("weft.task.maxFailures", "0")));
    assertEquals(
        "Invalid value '0' for configuration key 'weft.task.maxFailures': expected a positive"
            + " integer",
        e.getMessage());
  }

  @Test
  public void anInvalidMasterIsRefused() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> WeftConfig.of(Map.of("weft.master", "locl[2]")));
    assertTrue(e.getMessage(), e.getMessage().contains("expected local, local[N]"));
  }

  @Test
  public void hadoopSettingsPassThroughWithAndWithoutThePrefix() {
    WeftConfig c =
        WeftConfig.of(
            Map.of("weft.hadoop.fs.defaultFS", "hdfs://nn:8020", "dfs.blocksize", "1048576"));
    assertEquals(
        Map.of("fs.defaultFS", "hdfs://nn:8020", "dfs.blocksize", "1048576"), c.hadoopEntries());
  }

  @Test
  public void sizesFormatInTheLargestExactUnit() {
    assertEquals("64m", ConfigType.formatSize(64L << 20));
    assertEquals("1536k", ConfigType.formatSize(1536L << 10));
    assertEquals("100", ConfigType.formatSize(100));
  }
}
