package dev.weft.executor.faults;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.WeftConfig;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class TaskPatternTest {

  @Test
  public void omittedPartsAndStarsMatchAnyValue() {
    TaskPattern firstAttemptOfPartition3 = TaskPattern.parseList("1:3:0").get(0);
    TaskPattern partition3InStageAttempt0 = TaskPattern.parseList("1.0:3").get(0);
    TaskPattern everyStagesPartition0 = TaskPattern.parseList("*:0:0").get(0);

    assertTrue(firstAttemptOfPartition3.matches(1, 2, 3, 0));
    assertFalse(firstAttemptOfPartition3.matches(1, 0, 3, 1));
    assertFalse(firstAttemptOfPartition3.matches(1, 0, 4, 0));
    assertTrue(partition3InStageAttempt0.matches(1, 0, 3, 5));
    assertFalse(partition3InStageAttempt0.matches(1, 1, 3, 0));
    assertTrue(everyStagesPartition0.matches(7, 3, 0, 0));
    assertFalse(everyStagesPartition0.matches(7, 3, 1, 0));
  }

  @Test
  public void aListIsCommaSeparatedAndBlankMeansNone() {
    assertEquals(
        List.of(new TaskPattern(1, -1, 3, 0), new TaskPattern(2, 1, -1, -1)),
        TaskPattern.parseList(" 1:3:0 , 2.1:* "));
    assertEquals(List.of(), TaskPattern.parseList(""));
    assertEquals("2.1:*", new TaskPattern(2, 1, -1, -1).toString());
  }

  @Test
  public void aSlowTaskPatternMayCarryItsOwnDelay() {
    List<TaskPattern.Delayed> delayed = TaskPattern.parseDelayedList("0:1:0@250ms, 0:2");

    assertEquals(new TaskPattern(0, -1, 1, 0), delayed.get(0).pattern());
    assertEquals(java.time.Duration.ofMillis(250), delayed.get(0).delay());
    assertEquals(null, delayed.get(1).delay());
    assertFalse(TaskPattern.isValidDelayedList("0:1@soon"));
    assertFalse("no delays on other faults", TaskPattern.isValidList("0:1@1s"));
  }

  @Test
  public void aMalformedEntryIsNamedWithTheExpectedSyntax() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaskPattern.parseList("1:3:0,1-3"));
    assertEquals(
        "'1-3' is not a task pattern; expected comma-separated task patterns"
            + " STAGE[.STAGE_ATTEMPT]:PARTITION[:ATTEMPT], each part a number or *, e.g. 1:3:0",
        e.getMessage());
    assertFalse(TaskPattern.isValidList("1:3:0,"));
    assertFalse(TaskPattern.isValidList("99999999999:1"));
  }

  @Test
  public void aMalformedFaultKeyIsRefusedAtStartUpInOneLine() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> WeftConfig.of(Map.of("weft.faults.failTask", "stage1")));

    assertEquals(
        "Invalid value 'stage1' for configuration key 'weft.faults.failTask': expected"
            + " comma-separated task patterns STAGE[.STAGE_ATTEMPT]:PARTITION[:ATTEMPT], each"
            + " part a number or *, e.g. 1:3:0",
        e.getMessage());
  }

  @Test
  public void killingTheExecutorIsRefusedWhereItIsTheDriversOwnProcess() {
    WeftConfig config = WeftConfig.of(Map.of("weft.faults.killExecutor", "0:0:0"));

    ConfigException e = assertThrows(ConfigException.class, () -> FaultInjector.from(config, null));

    assertTrue(e.getMessage(), e.getMessage().startsWith("weft.faults.killExecutor needs"));
    assertTrue(e.getMessage(), e.getMessage().contains("local[N]"));
  }
}
