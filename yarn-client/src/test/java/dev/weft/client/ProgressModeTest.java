package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;
import org.junit.Test;

/** Choosing the progress display: --progress, else what the output is. */
public class ProgressModeTest {

  @Test
  public void aTerminalGetsTheBarUnlessItIsCiOrDumb() {
    assertEquals(ProgressMode.BAR, ProgressMode.detect(Map.of("TERM", "xterm"), true));
    assertEquals(ProgressMode.LINES, ProgressMode.detect(Map.of("CI", "true"), true));
    assertEquals(ProgressMode.LINES, ProgressMode.detect(Map.of("TERM", "dumb"), true));
    assertEquals(ProgressMode.LINES, ProgressMode.detect(Map.of(), false));
  }

  @Test
  public void theOptionWinsOverDetection() throws Exception {
    assertEquals(ProgressMode.BAR, ProgressMode.of("bar", Map.of("CI", "true"), false));
    assertEquals(ProgressMode.NONE, ProgressMode.of("NONE", Map.of(), true));
    assertEquals(ProgressMode.LINES, ProgressMode.of(null, Map.of(), false));
    SubmitException e =
        assertThrows(SubmitException.class, () -> ProgressMode.of("fancy", Map.of(), true));
    assertEquals(
        "Invalid value 'fancy' for --progress: expected bar, lines or none", e.getMessage());
  }

  @Test
  public void widthComesFromColumnsElse80() {
    assertEquals(132, ProgressMode.terminalWidth(Map.of("COLUMNS", "132")));
    assertEquals(80, ProgressMode.terminalWidth(Map.of("COLUMNS", "wide")));
    assertEquals(80, ProgressMode.terminalWidth(Map.of("COLUMNS", "3")));
    assertEquals(80, ProgressMode.terminalWidth(Map.of()));
  }
}
