package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.core.config.ConfigException;
import org.apache.hadoop.conf.Configuration;
import org.junit.Test;

public class ShuffleServiceCheckTest {

  private static Configuration auxServices(String value) {
    Configuration conf = new Configuration(false);
    if (value != null) {
      conf.set("yarn.nodemanager.aux-services", value);
    }
    return conf;
  }

  @Test
  public void aClusterListingOtherAuxServicesOnlyIsRefusedWithHowToInstallTheService() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ShuffleServiceCheck.requireConfigured(auxServices("mapreduce_shuffle")));
    String message = e.getMessage();
    assertTrue(message, message.contains("weft.dynamicAllocation.enabled"));
    assertTrue(message, message.contains("'mapreduce_shuffle'"));
    assertTrue(message, message.contains("Install the shuffle service"));
    assertTrue(message, message.contains("conf/yarn-site-weft-shuffle.xml"));
    assertFalse(message, message.contains("\n"));
  }

  @Test
  public void aClusterListingTheServiceAmongOthersPasses() {
    ShuffleServiceCheck.requireConfigured(auxServices("mapreduce_shuffle, weft_shuffle"));
  }

  @Test
  public void aConfigurationThatListsNoAuxServicesCannotTellAndPasses() {
    ShuffleServiceCheck.requireConfigured(auxServices(null));
    ShuffleServiceCheck.requireConfigured(auxServices(""));
  }
}
