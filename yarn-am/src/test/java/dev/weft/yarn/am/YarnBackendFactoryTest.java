package dev.weft.yarn.am;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.WeftConfig;
import dev.weft.spi.scheduler.SchedulerBackendFactory;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.Test;

public class YarnBackendFactoryTest {

  @Test
  public void acceptsOnlyTheYarnMaster() {
    YarnBackendFactory f = new YarnBackendFactory();
    assertTrue(f.accepts("yarn"));
    assertFalse(f.accepts("local[2]"));
    assertFalse(f.accepts("embedded"));
  }

  @Test
  public void refusesOutsideTheApplicationMasterWithOneLine() {
    AmRuntime.clear();
    try {
      new YarnBackendFactory().create("yarn", WeftConfig.of(Map.of()), null);
      fail();
    } catch (ConfigException e) {
      assertEquals(
          "The yarn master runs the driver inside the ApplicationMaster: submit the application"
              + " with bin/yarn-submit --master yarn",
          e.getMessage());
    }
  }

  @Test
  public void isRegisteredAsAService() {
    boolean found = false;
    for (SchedulerBackendFactory f : ServiceLoader.load(SchedulerBackendFactory.class)) {
      found |= f instanceof YarnBackendFactory;
    }
    assertTrue(found);
  }
}
