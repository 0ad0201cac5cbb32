package dev.weft.client;

import static org.junit.Assert.assertEquals;

import dev.weft.yarn.am.DriverStatus;
import dev.weft.yarn.am.DriverStatus.Event;
import dev.weft.yarn.am.DriverStatus.EventKind;
import dev.weft.yarn.am.DriverStatus.StageProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** What the console shows of the driver's status documents in each progress mode. */
public class ConsoleProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private static Event submitted(long seq, int stage, int tasks) {
    return new Event(
        seq, EventKind.STAGE_SUBMITTED, -1, stage, 0, "map at A.java:" + stage, tasks, 0, null);
  }

  private static Event completed(long seq, int stage, int tasks, long ms) {
    return new Event(
        seq, EventKind.STAGE_COMPLETED, -1, stage, 0, "map at A.java:" + stage, tasks, ms, null);
  }

  private static DriverStatus status(List<StageProgress> running, Event... events) {
    return new DriverStatus("RUNNING", 2, running, null, null, List.of(events));
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  public void linesModePrintsExactlyOneLinePerStateChangeInOrder() {
    ConsoleProgress p = ConsoleProgress.of(ProgressMode.LINES, out, 80);
    StageProgress running = new StageProgress(0, 0, "map at A.java:0", 3, 1, 2, 0);

    p.update(status(List.of(running), submitted(1, 0, 3)));
    p.update(status(List.of(running))); // progress alone is no state change
    p.update(status(List.of(running), submitted(1, 0, 3))); // seen already
    p.update(null);
    p.update(
        status(
            List.of(),
            completed(2, 0, 3, 65_000),
            new Event(3, EventKind.STAGE_SUBMITTED, -1, 1, 1, "reduce at A.java:9", 1, 0, null),
            new Event(
                4,
                EventKind.STAGE_COMPLETED,
                -1,
                1,
                1,
                "reduce at A.java:9",
                0,
                300,
                "FetchFailed: n1\n at ..."),
            new Event(5, EventKind.JOB_ENDED, 0, -1, 0, null, 3, 70_000, "stage 1 failed")));
    p.println("application_1_0001 is FINISHED (FAILED)");

    assertEquals(
        String.join(
            "\n",
            "Stage 0 submitted: map at A.java:0 (3 tasks)",
            "Stage 0 completed: 3 tasks in 1 min 05 s",
            "Stage 1 (attempt 1) submitted: reduce at A.java:9 (1 task)",
            "Stage 1 (attempt 1) failed after 300 ms: FetchFailed: n1",
            "Job 0 failed after 1 min 10 s: stage 1 failed",
            "application_1_0001 is FINISHED (FAILED)",
            ""),
        printed());
    assertEquals(5, p.lastSeq());
  }

  @Test
  public void linesModeSaysHowManyStateChangesTheDriverNoLongerHad() {
    ConsoleProgress p = ConsoleProgress.of(ProgressMode.LINES, out, 80);
    p.update(status(List.of(), completed(1_001, 7, 2, 10)));
    assertEquals(
        "(1,000 earlier state changes not shown)\nStage 7 completed: 2 tasks in 10 ms\n",
        printed());
  }

  @Test
  public void barModeRedrawsOneLineInPlaceAndClearsItForMessages() {
    ConsoleProgress p = ConsoleProgress.of(ProgressMode.BAR, out, 41);
    String bar = "[Stage 3: ===>          (120 + 8) / 400]";
    StageProgress s = new StageProgress(3, 0, "map", 400, 120, 8, 0);

    p.update(status(List.of(s), submitted(1, 3, 400)));
    p.update(status(List.of(s))); // the same bar is not drawn again
    p.println("Tracking URL: http://am:1/");
    p.update(
        status(List.of(new StageProgress(3, 0, "map", 400, 400, 0, 0)), completed(2, 3, 400, 9)));
    p.end();

    String blank = " ".repeat(40);
    String full = "[Stage 3: ============= (400 + 0) / 400]";
    assertEquals(
        "\r"
            + bar
            + "\r"
            + blank
            + "\r"
            + "Tracking URL: http://am:1/\n"
            + "\r"
            + bar
            + "\r"
            + full
            + "\r"
            + blank
            + "\r",
        printed());
  }

  @Test
  public void noneModePrintsOnlyTheLaunchersLines() {
    ConsoleProgress p = ConsoleProgress.of(ProgressMode.NONE, out, 80);
    p.update(status(List.of(new StageProgress(0, 0, "m", 1, 0, 1, 0)), submitted(1, 0, 1)));
    p.println("application_1_0001 is RUNNING");
    assertEquals("application_1_0001 is RUNNING\n", printed());
    assertEquals(1, p.lastSeq());
  }
}
