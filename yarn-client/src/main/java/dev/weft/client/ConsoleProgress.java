package dev.weft.client;

import dev.weft.yarn.am.DriverStatus;
import java.io.PrintStream;

/**
 * What {@code yarn-submit} prints while an application runs, from the driver's status documents: a
 * progress bar redrawn in place ({@link ProgressMode#BAR}), a line per state change ({@link
 * ProgressMode#LINES}) or nothing ({@link ProgressMode#NONE}). Messages of the launcher (the
 * application's state) go through {@link #println} so that they do not collide with the bar.
 */
abstract class ConsoleProgress {
  final PrintStream out;
  private long lastSeq;

  private ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  /**
   * @param width the terminal's width, for the bar
   */
  static ConsoleProgress of(ProgressMode mode, PrintStream out, int width) {
    return switch (mode) {
      case BAR -> new Bar(out, width);
      case LINES -> new Lines(out);
      case NONE -> new Silent(out);
    };
  }

  /** The number of the last driver event seen: the next poll asks for newer ones only. */
  final long lastSeq() {
    return lastSeq;
  }

  /** Forgets the events seen: a new driver (ApplicationMaster attempt) numbers them from 1. */
  final void restart() {
    lastSeq = 0;
  }

  /** Shows a status document of the driver; null when none could be read this time. */
  final void update(DriverStatus status) {
    if (status == null) {
      return;
    }
    for (DriverStatus.Event e : status.events()) {
      if (e.seq() <= lastSeq) {
        continue; // seen already (a driver may ignore ?since)
      }
      long missed = e.seq() - lastSeq - 1;
      lastSeq = e.seq();
      event(e, missed);
    }
    stages(status);
  }

  /**
   * Shows a driver event.
   *
   * @param missed events before it that the driver no longer kept
   */
  abstract void event(DriverStatus.Event e, long missed);

  /** Shows the running stages of {@code status}. */
  void stages(DriverStatus status) {}

  /** Prints a line of the launcher's own. */
  void println(String line) {
    out.println(line);
  }

  /** Removes what is drawn in place; called once, before the summary. */
  void end() {}

  /** The line of a driver event, e.g. {@code Stage 3 completed: 400 tasks in 12.3 s}. */
  static String describe(DriverStatus.Event e) {
    String stage =
        "Stage " + e.stageId() + (e.attempt() > 0 ? " (attempt " + e.attempt() + ")" : "");
    return switch (e.kind()) {
      case STAGE_SUBMITTED -> stage + " submitted: " + e.name() + " (" + tasks(e.tasks()) + ")";
      case STAGE_COMPLETED ->
          e.failure() == null
              ? stage + " completed: " + tasks(e.tasks()) + " in " + duration(e)
              : stage + " failed after " + duration(e) + ": " + failure(e);
      case JOB_ENDED ->
          e.failure() == null
              ? "Job " + e.jobId() + " succeeded in " + duration(e) + " (" + tasks(e.tasks()) + ")"
              : "Job " + e.jobId() + " failed after " + duration(e) + ": " + failure(e);
    };
  }

  private static String tasks(int n) {
    return ConsoleFormat.count(n) + (n == 1 ? " task" : " tasks");
  }

  private static String duration(DriverStatus.Event e) {
    return ConsoleFormat.duration(e.durationMillis());
  }

  private static String failure(DriverStatus.Event e) {
    return ConsoleFormat.firstLine(e.failure());
  }

  /** A line per state change, nothing redrawn: for logs, pipes and CI. */
  private static final class Lines extends ConsoleProgress {
    private String last;

    Lines(PrintStream out) {
      super(out);
    }

    @Override
    void event(DriverStatus.Event e, long missed) {
      if (missed > 0) {
        print("(" + ConsoleFormat.count(missed) + " earlier state changes not shown)");
      }
      print(describe(e));
    }

    private void print(String line) {
      if (!line.equals(last)) {
        out.println(line);
        last = line;
      }
    }
  }

  /** Progress bars on one line redrawn with carriage returns; failures also as lines. */
  private static final class Bar extends ConsoleProgress {
    private final int width;
    private String bar = "";
    private String drawn = "";

    Bar(PrintStream out, int width) {
      super(out);
      this.width = width;
    }

    @Override
    void event(DriverStatus.Event e, long missed) {
      if (e.failure() != null) {
        println(describe(e));
      }
    }

    @Override
    void stages(DriverStatus status) {
      bar = ProgressBar.render(status.stages(), width);
      draw(bar);
    }

    @Override
    void println(String line) {
      draw("");
      out.println(line);
      draw(bar);
    }

    @Override
    void end() {
      draw("");
      bar = "";
    }

    private void draw(String text) {
      if (text.equals(drawn)) {
        return;
      }
      // Blanks over what a longer previous line left, then back to the line's start.
      int pad = Math.max(0, drawn.length() - text.length());
      out.print("\r" + text + " ".repeat(pad) + (text.isEmpty() ? "\r" : ""));
      out.flush();
      drawn = text;
    }
  }

  /** Only the launcher's own lines. */
  private static final class Silent extends ConsoleProgress {
    Silent(PrintStream out) {
      super(out);
    }

    @Override
    void event(DriverStatus.Event e, long missed) {}
  }
}
