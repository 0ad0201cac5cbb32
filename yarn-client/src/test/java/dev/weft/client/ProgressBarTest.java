package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.yarn.am.DriverStatus.StageProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The progress bar's text for given task counts and terminal widths. */
public class ProgressBarTest {
  private static final StageProgress STAGE_3 = new StageProgress(3, 0, "map", 400, 120, 8, 0);

  @Test
  public void aStageFillsTheWidthWithItsShareOfSucceededTasks() {
    // 40 columns usable: 9 header + 1 + 13 bar + 17 counts; 120/400 of 13 is 3 '='.
    assertEquals(
        "[Stage 3: ===>          (120 + 8) / 400]", ProgressBar.render(List.of(STAGE_3), 41));
    assertEquals(40, ProgressBar.render(List.of(STAGE_3), 41).length());
  }

  @Test
  public void aFinishedStageIsAllEqualSigns() {
    assertEquals(
        "[Stage 3: ============= (400 + 0) / 400]",
        ProgressBar.render(List.of(new StageProgress(3, 0, "map", 400, 400, 0, 0)), 41));
  }

  @Test
  public void runningStagesShareTheLineSideBySide() {
    StageProgress retry = new StageProgress(4, 1, "reduce", 10, 0, 1, 2);
    assertEquals(
        "[Stage 3: ===>          (120 + 8) / 400][Stage 4 (attempt 1): >    (0 + 1) / 10]",
        ProgressBar.render(List.of(STAGE_3, retry), 81));
  }

  @Test
  public void stagesThatDoNotFitAreCounted() {
    List<StageProgress> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(new StageProgress(i, 0, "s" + i, 10, 0, 2, 0));
    }
    String line = ProgressBar.render(five, 80);
    assertTrue(line, line.startsWith("[Stage 0: >"));
    assertTrue(line, line.contains("[Stage 1: >"));
    assertFalse(line, line.contains("[Stage 2"));
    assertTrue(line, line.endsWith(" +3 more"));
    assertTrue(line, line.length() <= 79);
  }

  @Test
  public void aNarrowTerminalGetsTheCountsCutToItsWidth() {
    assertEquals("[Stage 3: (120 + 8)", ProgressBar.render(List.of(STAGE_3), 20));
    assertEquals("", ProgressBar.render(List.of(), 80));
  }
}
