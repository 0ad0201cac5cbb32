package dev.weft.executor.config;

import dev.weft.core.config.ConfigDeclarations;
import dev.weft.core.config.ConfigKey;
import dev.weft.executor.faults.TaskPattern;
import java.time.Duration;

/**
 * Fault injection ({@code weft.faults.*}), off by default: fails, slows or kills chosen task
 * attempts, or damages the map outputs they write, so that users and tests can rehearse failures.
 * Every key takes task patterns {@code STAGE[.STAGE_ATTEMPT]:PARTITION[:ATTEMPT]} ({@link
 * TaskPattern}).
 */
public final class FaultConfig implements ConfigDeclarations {

  private static final String PATTERNS =
      " An omitted part of a pattern means any; ATTEMPT 0 is a partition's first attempt in a"
          + " stage attempt, 1 its retry or speculative copy. Stage ids are those of the driver's"
          + " log and status page.";

  public static final ConfigKey<String> FAIL_TASK =
      ConfigKey.string("weft.faults.failTask")
          .defaultValue("")
          .doc(
              "Task attempts that fail at their start with an injected error; they count against"
                  + " weft.task.maxFailures like any failure."
                  + PATTERNS)
          .check(TaskPattern::isValidList, TaskPattern.SYNTAX)
          .build();

  public static final ConfigKey<String> SLOW_TASK =
      ConfigKey.string("weft.faults.slowTask")
          .defaultValue("")
          .doc(
              "Task attempts that wait before they start computing, as stragglers do (a kill ends"
                  + " the wait): each pattern may end with @DELAY (e.g. 1:3:0@2s), else it waits"
                  + " weft.faults.slowTask.delay."
                  + PATTERNS)
          .check(TaskPattern::isValidDelayedList, TaskPattern.DELAYED_SYNTAX)
          .build();

  public static final ConfigKey<Duration> SLOW_TASK_DELAY =
      ConfigKey.duration("weft.faults.slowTask.delay")
          .defaultValue("10s")
          .doc("How long a task attempt of weft.faults.slowTask waits unless its pattern says.")
          .check(d -> !d.isNegative(), "a duration of 0 or more")
          .build();

  public static final ConfigKey<String> KILL_EXECUTOR =
      ConfigKey.string("weft.faults.killExecutor")
          .defaultValue("")
          .doc(
              "Task attempts whose executor process dies at their start (Runtime.halt, exit code"
                  + " 137, no goodbye to the driver), as when a container is killed. Needs"
                  + " executors in processes of their own (the yarn and embedded masters); refused"
                  + " under local[N], where the executor is the driver's own process."
                  + PATTERNS)
          .check(TaskPattern::isValidList, TaskPattern.SYNTAX)
          .build();

  public static final ConfigKey<String> DROP_MAP_OUTPUT =
      ConfigKey.string("weft.faults.dropMapOutput")
          .defaultValue("")
          .doc(
              "Map task attempts whose output files (data and index) are deleted right after they"
                  + " are written, before the driver hears of them: the reducers get a fetch"
                  + " failure and the map output is recomputed."
                  + PATTERNS)
          .check(TaskPattern::isValidList, TaskPattern.SYNTAX)
          .build();

  public static final ConfigKey<String> CORRUPT_MAP_OUTPUT =
      ConfigKey.string("weft.faults.corruptMapOutput")
          .defaultValue("")
          .doc(
              "Map task attempts whose output has one byte of every non-empty block flipped right"
                  + " after it is written: the reducers' checksums fail, which is a fetch failure,"
                  + " and the map output is recomputed."
                  + PATTERNS)
          .check(TaskPattern::isValidList, TaskPattern.SYNTAX)
          .build();
}
