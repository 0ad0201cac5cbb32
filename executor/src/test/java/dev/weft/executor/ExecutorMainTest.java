package dev.weft.executor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.weft.spi.cluster.DriverAddress;
import dev.weft.spi.cluster.ExecutorLaunch;
import java.io.File;
import java.util.List;
import org.junit.Test;

public class ExecutorMainTest {

  @Test
  public void parsesTheArgumentsALaunchProduces() {
    ExecutorLaunch launch =
        new ExecutorLaunch(new DriverAddress("am-host", 4040, "app_7"), "exec-3", "nm-1", "/r1", 4);
    assertEquals(launch, ExecutorMain.parse(launch.arguments().toArray(new String[0])));
    ExecutorLaunch noRack =
        new ExecutorLaunch(new DriverAddress("am-host", 4040, "app_7"), "exec-3", "nm-1", null, 1);
    assertEquals(noRack, ExecutorMain.parse(noRack.arguments().toArray(new String[0])));
    ExecutorLaunch encrypted =
        new ExecutorLaunch(
            new DriverAddress("am-host", 4040, "app_7", true), "exec-3", "nm-1", null, 1);
    assertEquals(encrypted, ExecutorMain.parse(encrypted.arguments().toArray(new String[0])));
  }

  @Test
  public void badArgumentsFailWithOneLineNamingThem() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExecutorMain.parse(new String[] {"--driver", "h:1", "--app-id", "a"}));
    assertEquals("missing argument --cores", missing.getMessage());
    IllegalArgumentException port =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExecutorMain.parse(new String[] {"--driver", "h:x", "--cores", "1"}));
    assertEquals("--driver port expects an integer, found 'x'", port.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExecutorMain.parse(new String[] {"--memory", "1"}));
    assertEquals(true, unknown.getMessage().startsWith("unknown argument '--memory'"));
  }

  @Test
  public void localDirsAreOnePerYarnRootOrTheFallback() {
    assertEquals(
        List.of(new File("/d1/weft-executor-e1"), new File("/d2/weft-executor-e1")),
        ExecutorMain.localDirs("/d1, /d2", new File("/tmp"), "e1"));
    assertEquals(
        List.of(new File("/tmp/weft-executor-e1")),
        ExecutorMain.localDirs(null, new File("/tmp"), "e1"));
  }
}
