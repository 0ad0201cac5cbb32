package dev.weft.client;

import dev.weft.yarn.am.DriverStatus.StageProgress;
import java.util.List;

/**
 * The text of the progress bar: {@code [Stage 3: ====> (120 + 8) / 400]} per running stage (tasks
 * succeeded + running / tasks), side by side in the terminal's width.
 */
final class ProgressBar {
  /** The narrowest bar part worth drawing; narrower stages show their counts only. */
  private static final int MIN_BAR = 3;

  private ProgressBar() {}

  /**
   * The line for {@code stages} in at most {@code width - 1} characters (the last column stays
   * free, so the terminal does not wrap and a carriage return still reaches the line's start).
   * Stages that do not fit are left out and counted at the end ({@code +2 more}).
   */
  static String render(List<StageProgress> stages, int width) {
    int room = width - 1;
    if (stages.isEmpty() || room <= 0) {
      return "";
    }
    int shown = stages.size();
    while (shown > 1 && !fits(stages.subList(0, shown), stages.size() - shown, room)) {
      shown--;
    }
    String more = more(stages.size() - shown);
    int each = (room - more.length()) / shown;
    StringBuilder line = new StringBuilder();
    for (StageProgress s : stages.subList(0, shown)) {
      line.append(stage(s, each));
    }
    line.append(more);
    return line.length() > room ? line.substring(0, room) : line.toString();
  }

  private static boolean fits(List<StageProgress> shown, int hidden, int room) {
    int each = (room - more(hidden).length()) / shown.size();
    for (StageProgress s : shown) {
      if (header(s).length() + 1 + MIN_BAR + tailer(s).length() > each) {
        return false;
      }
    }
    return true;
  }

  private static String more(int hidden) {
    return hidden == 0 ? "" : " +" + hidden + " more";
  }

  /** One stage in {@code width} characters (or its counts only, when narrower). */
  static String stage(StageProgress s, int width) {
    String header = header(s);
    String tailer = tailer(s);
    int bar = width - header.length() - 1 - tailer.length();
    if (bar < MIN_BAR) {
      return header + tailer;
    }
    int tasks = Math.max(1, s.tasks());
    int done = (int) ((long) bar * Math.min(s.succeeded(), tasks) / tasks);
    StringBuilder b = new StringBuilder(width).append(header).append(' ');
    b.append("=".repeat(done));
    if (done < bar) {
      b.append('>').append(" ".repeat(bar - done - 1));
    }
    return b.append(tailer).toString();
  }

  private static String header(StageProgress s) {
    return "[Stage "
        + s.stageId()
        + (s.attempt() > 0 ? " (attempt " + s.attempt() + ")" : "")
        + ":";
  }

  private static String tailer(StageProgress s) {
    return " (" + s.succeeded() + " + " + s.running() + ") / " + s.tasks() + "]";
  }
}
