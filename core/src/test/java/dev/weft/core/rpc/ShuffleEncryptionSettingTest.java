package dev.weft.core.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.core.config.WeftConfig;
import java.util.Map;
import org.junit.Test;

/**
 * {@code weft.shuffle.encryption.enabled}: unset, it follows Hadoop security (off in these tests,
 * which run without Kerberos); the driver sends executors the value it resolved, so an executor
 * never resolves it from an environment of its own.
 */
public class ShuffleEncryptionSettingTest {
  @Test
  public void unsetFollowsHadoopSecurityWhichIsOffHere() {
    assertFalse(ClusterBackend.shuffleEncryptionEnabled(WeftConfig.of(Map.of())));
    assertEquals(
        "false",
        ClusterBackend.executorConfig(WeftConfig.of(Map.of()))
            .get("weft.shuffle.encryption.enabled"));
  }

  @Test
  public void anExplicitValueWinsAndReachesExecutors() {
    WeftConfig on = WeftConfig.of(Map.of("weft.shuffle.encryption.enabled", "true"));
    assertTrue(ClusterBackend.shuffleEncryptionEnabled(on));
    assertEquals("true", ClusterBackend.executorConfig(on).get("weft.shuffle.encryption.enabled"));
  }

  @Test
  public void executorsReceiveTheDriversOtherSettingsUnchanged() {
    WeftConfig config = WeftConfig.of(Map.of("weft.app.name", "x"));
    assertEquals("x", ClusterBackend.executorConfig(config).get("weft.app.name"));
  }
}
