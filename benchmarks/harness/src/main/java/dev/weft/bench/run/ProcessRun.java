package dev.weft.bench.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child process, run to its end: its stdout lines, each with the time it was read, its exit
 * code, its wall time, and its stderr in a file.
 */
public final class ProcessRun {
  /** A line of stdout and when it was read, in nanoseconds after the process started. */
  public record Line(long nanos, String text) {}

  private final int exitCode;
  private final long nanos;
  private final List<Line> stdout;
  private final Path stderr;
  private final boolean timedOut;

  private ProcessRun(int exitCode, long nanos, List<Line> stdout, Path stderr, boolean timedOut) {
    this.exitCode = exitCode;
    this.nanos = nanos;
    this.stdout = stdout;
    this.stderr = stderr;
    this.timedOut = timedOut;
  }

  /**
   * Runs {@code command} in {@code workDir} with {@code env} added, stderr into {@code stderr};
   * kills it (and its children) after {@code timeout}.
   */
  public static ProcessRun run(
      List<String> command, Path workDir, Map<String, String> env, Path stderr, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().putAll(env);
    pb.redirectError(stderr.toFile());
    List<Line> lines = new ArrayList<>();
    long start = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  long at = System.nanoTime() - start;
                  synchronized (lines) {
                    lines.add(new Line(at, line));
                  }
                }
              } catch (IOException e) {
                // the process died; its exit code tells
              }
            },
            "stdout-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
    }
    long nanos = System.nanoTime() - start;
    reader.join(10_000);
    synchronized (lines) {
      return new ProcessRun(p.exitValue(), nanos, List.copyOf(lines), stderr, !finished);
    }
  }

  /** The exit code. */
  public int exitCode() {
    return exitCode;
  }

  /** Whether the process was killed at the timeout. */
  public boolean timedOut() {
    return timedOut;
  }

  /** The whole process's wall time, start to exit, in milliseconds. */
  public long millis() {
    return nanos / 1_000_000;
  }

  /** The stdout lines. */
  public List<Line> stdout() {
    return stdout;
  }

  /** The file holding stderr. */
  public Path stderrFile() {
    return stderr;
  }

  /** The last {@code n} lines of stderr. */
  public List<String> stderrTail(int n) {
    try {
      List<String> all = Files.readAllLines(stderr, StandardCharsets.ISO_8859_1);
      return all.subList(Math.max(0, all.size() - n), all.size());
    } catch (IOException e) {
      return List.of("(stderr unreadable: " + e.getMessage() + ")");
    }
  }

  /** The last {@code n} lines of stdout. */
  public List<String> stdoutTail(int n) {
    return stdout.subList(Math.max(0, stdout.size() - n), stdout.size()).stream()
        .map(Line::text)
        .toList();
  }
}
