package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import dev.weft.core.config.WeftConfig;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ContainerSizingTest {

  @Test
  public void smallHeapsGetTheMinimumOverhead() {
    ContainerSizing s = ContainerSizing.of(WeftConfig.of(Map.of("weft.executor.memory", "1g")));
    assertEquals(1024 + 384, s.containerMemoryMb());
    assertEquals(List.of("-Xmx1024m", "-XX:MaxDirectMemorySize=192m"), s.jvmMemoryOptions());
  }

  @Test
  public void largeHeapsGetTenPercentOverhead() {
    ContainerSizing s = ContainerSizing.of(WeftConfig.of(Map.of("weft.executor.memory", "10g")));
    assertEquals(10240 + 1024, s.containerMemoryMb());
  }

  @Test
  public void configuredOverheadAndCoresWin() {
    ContainerSizing s =
        ContainerSizing.of(
            WeftConfig.of(
                Map.of(
                    "weft.executor.memory", "512m",
                    "weft.executor.memoryOverhead", "1g",
                    "weft.executor.cores", "3")));
    assertEquals(512 + 1024, s.containerMemoryMb());
    assertEquals(3, s.vcores());
    assertEquals("1024m", s.overheadText());
    assertEquals("direct memory stays inside the overhead", 512L << 20, s.maxDirectMemoryBytes());
  }

  @Test
  public void executorsLargerThanTheClustersLargestContainerAreExplainedInOneLine() {
    ContainerSizing s = ContainerSizing.of(WeftConfig.of(Map.of("weft.executor.memory", "2g")));

    assertEquals(
        "Executor containers need 2432 MB (--executor-memory 2g + weft.executor.memoryOverhead"
            + " 384m) and 1 vcores (--executor-cores), but the largest container this cluster"
            + " grants is 1024 MB and 4 vcores (yarn.scheduler.maximum-allocation-mb and -vcores):"
            + " ask for smaller executors",
        s.exceedsLargestContainer(1024, 4));
    assertNull(s.exceedsLargestContainer(2432, 1));
    assertEquals("too many cores", true, s.exceedsLargestContainer(4096, 0).contains("1 vcores"));
  }
}
