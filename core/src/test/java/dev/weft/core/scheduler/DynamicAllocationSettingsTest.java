package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.WeftConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class DynamicAllocationSettingsTest {

  private static DynamicAllocationSettings of(Integer requested, String... entries) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      m.put("weft.dynamicAllocation." + entries[i], entries[i + 1]);
    }
    return DynamicAllocationSettings.of(WeftConfig.of(m), requested);
  }

  @Test
  public void defaultsAreOffNoMinimumNoLimitAndNoReleaseOfCachedExecutors() {
    assertFalse(DynamicAllocationSettings.enabled(WeftConfig.of(Map.of())));
    DynamicAllocationSettings s = of(null);
    assertEquals(0, s.minExecutors());
    assertEquals(Integer.MAX_VALUE, s.maxExecutors());
    assertEquals(0, s.initialExecutors());
    assertEquals(Duration.ofSeconds(1), s.backlogTimeout());
    assertEquals(Duration.ofSeconds(1), s.sustainedBacklogTimeout());
    assertEquals(Duration.ofSeconds(60), s.idleTimeout());
    assertNull(s.cachedIdleTimeout());
    assertEquals(1, s.coresPerExecutor());
  }

  @Test
  public void theSustainedTimeoutDefaultsToTheBacklogTimeout() {
    assertEquals(
        Duration.ofSeconds(5), of(null, "schedulerBacklogTimeout", "5s").sustainedBacklogTimeout());
  }

  @Test
  public void theInitialCountIsTheMinimumUnlessSet() {
    assertEquals(2, of(null, "minExecutors", "2").initialExecutors());
    assertEquals(3, of(null, "minExecutors", "2", "initialExecutors", "3").initialExecutors());
  }

  @Test
  public void numExecutorsIsTheInitialCountRaisedToTheMinimumUnlessInitialExecutorsIsSet() {
    assertEquals(6, of(6, "maxExecutors", "10").initialExecutors());
    assertEquals(4, of(1, "minExecutors", "4").initialExecutors());
    assertEquals(2, of(6, "initialExecutors", "2").initialExecutors());
  }

  @Test
  public void aMinimumAboveTheMaximumIsRefusedNamingBothKeys() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> of(null, "minExecutors", "5", "maxExecutors", "3"));
    assertTrue(e.getMessage(), e.getMessage().contains("weft.dynamicAllocation.minExecutors (5)"));
    assertTrue(e.getMessage(), e.getMessage().contains("weft.dynamicAllocation.maxExecutors (3)"));
  }

  @Test
  public void anInitialCountOutsideTheBoundsIsRefusedNamingWhereItCameFrom() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> of(null, "initialExecutors", "9", "maxExecutors", "4"));
    assertTrue(e.getMessage(), e.getMessage().contains("initial executor count 9"));
    assertTrue(e.getMessage(), e.getMessage().contains("weft.dynamicAllocation.initialExecutors"));

    e = assertThrows(ConfigException.class, () -> of(8, "maxExecutors", "4"));
    assertTrue(e.getMessage(), e.getMessage().contains("--num-executors"));
    assertFalse(e.getMessage(), e.getMessage().contains("\n"));
  }
}
