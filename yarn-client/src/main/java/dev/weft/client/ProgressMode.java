package dev.weft.client;

import java.util.Locale;
import java.util.Map;

/** How {@code yarn-submit} shows a running application's stages ({@code --progress}). */
enum ProgressMode {
  /** A progress bar per running stage, redrawn in place on one line: for a terminal. */
  BAR,
  /** A line per state change (stage submitted or completed, job ended): for logs and CI. */
  LINES,
  /** Nothing but the application's state and the summary. */
  NONE;

  /**
   * The mode of a {@code --progress} value, or the one that fits the output when {@code value} is
   * null: see {@link #detect}.
   *
   * @throws SubmitException for another value
   */
  static ProgressMode of(String value, Map<String, String> env, boolean console)
      throws SubmitException {
    if (value == null) {
      return detect(env, console);
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SubmitException(
          "Invalid value '" + value + "' for --progress: expected bar, lines or none");
    }
  }

  /**
   * {@link #BAR} when the output is a terminal ({@code console}) that can redraw a line: not a CI
   * system ({@code CI=true}) and not {@code TERM=dumb}; else {@link #LINES}.
   */
  static ProgressMode detect(Map<String, String> env, boolean console) {
    boolean ci = "true".equalsIgnoreCase(env.getOrDefault("CI", ""));
    boolean dumb = "dumb".equals(env.get("TERM"));
    return console && !ci && !dumb ? BAR : LINES;
  }

  /** The terminal's width: {@code COLUMNS} when it is a sensible number, else 80. */
  static int terminalWidth(Map<String, String> env) {
    String columns = env.get("COLUMNS");
    if (columns != null) {
      try {
        int n = Integer.parseInt(columns.strip());
        if (n >= 20 && n <= 1000) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through to the default
      }
    }
    return 80;
  }
}
