package dev.weft.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, for tests that look at pages as a browser renders them: {@link
 * #dumpDom} returns the DOM after the page's scripts ran, {@link #screenshot} writes a PNG.
 *
 * <p>Each call is one Chromium process with a fresh profile (its own {@code --user-data-dir}, and
 * {@code HOME} pointing there, so that nothing of the machine's user profile is read or written)
 * and no network of its own (no background networking, component updates, sync or QUIC). Scripts
 * get {@code --virtual-time-budget} of page time, so timers and fetches settle before the DOM is
 * read. A call that runs past its timeout is killed; in every case the process, its children and
 * every process started with the call's profile are gone when the call returns.
 */
public final class HeadlessChromium {
  /** Where Debian's {@code chromium} package installs the browser. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_VIRTUAL_TIME = Duration.ofSeconds(5);
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

  private final Path binary;
  private final Duration timeout;
  private final Duration virtualTime;
  private final Path profileRoot;

  private HeadlessChromium(Path binary, Duration timeout, Duration virtualTime, Path profileRoot) {
    this.binary = binary;
    this.timeout = timeout;
    this.virtualTime = virtualTime;
    this.profileRoot = profileRoot;
  }

  /**
   * The browser at {@link #DEFAULT_BINARY}.
   *
   * @throws AssertionError when it is not installed: browser tests fail rather than skip
   */
  public static HeadlessChromium find() {
    return at(DEFAULT_BINARY);
  }

  /**
   * The browser at {@code binary}.
   *
   * @throws AssertionError when there is no executable there
   */
  public static HeadlessChromium at(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(
          "Chromium not found at " + binary + ": install it with apt-get install chromium");
    }
    return new HeadlessChromium(
        binary,
        DEFAULT_TIMEOUT,
        DEFAULT_VIRTUAL_TIME,
        Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** This browser with another limit for one call (process start to exit). */
  public HeadlessChromium withTimeout(Duration timeout) {
    return new HeadlessChromium(binary, timeout, virtualTime, profileRoot);
  }

  /** This browser giving pages {@code budget} of virtual time for their scripts. */
  public HeadlessChromium withVirtualTimeBudget(Duration budget) {
    return new HeadlessChromium(binary, timeout, budget, profileRoot);
  }

  /** This browser making each call's fresh profile under {@code root} (default: java.io.tmpdir). */
  public HeadlessChromium withProfileRoot(Path root) {
    return new HeadlessChromium(binary, timeout, virtualTime, root.toAbsolutePath());
  }

  /** The DOM of the page at {@code url} (serialized HTML) once its scripts ran. */
  public String dumpDom(String url) {
    Run run = run(List.of("--dump-dom", url));
    if (run.stdout().isBlank()) {
      throw new AssertionError("Chromium printed no DOM for " + url + run.diagnostics());
    }
    return run.stdout();
  }

  /**
   * Renders the page at {@code url} in a {@code width} x {@code height} window and writes it to
   * {@code png} (its directory is created).
   */
  public void screenshot(String url, Path png, int width, int height) {
    Path target = png.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + target, e);
    }
    Run run =
        run(
            List.of(
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--screenshot=" + target,
                url));
    try {
      if (!Files.isRegularFile(target) || Files.size(target) == 0) {
        throw new AssertionError(
            "Chromium wrote no screenshot of " + url + " to " + target + run.diagnostics());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Run(String stdout, String stderr) {
    String diagnostics() {
      String tail = stderr.lines().filter(l -> !l.contains("dbus")).reduce("", (a, b) -> b);
      return tail.isBlank() ? "" : "; its last message: " + tail;
    }
  }

  private Run run(List<String> action) {
    Path profile;
    try {
      Files.createDirectories(profileRoot);
      profile = Files.createTempDirectory(profileRoot, "weft-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a Chromium profile directory", e);
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox", // tests run as root in containers, where the sandbox cannot start
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile.resolve("user-data"),
            "--virtual-time-budget=" + virtualTime.toMillis()));
    command.addAll(action);
    Path stdout = profile.resolve("stdout.txt");
    Path stderr = profile.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // The crash reporter's database and any config go under the profile, not the user's home.
    pb.environment().put("HOME", profile.toString());
    pb.environment().put("XDG_CONFIG_HOME", profile.resolve("config").toString());
    pb.environment().put("XDG_CACHE_HOME", profile.resolve("cache").toString());
    Process process = null;
    try {
      process = pb.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "Chromium did not finish within "
                + timeout.toSeconds()
                + " s on "
                + String.join(" ", action)
                + new Run("", read(stderr)).diagnostics());
      }
      Run run = new Run(read(stdout), read(stderr));
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "Chromium exited with "
                + process.exitValue()
                + " on "
                + String.join(" ", action)
                + run.diagnostics());
      }
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while Chromium ran", e);
    } finally {
      if (process != null) {
        stop(process, profile);
      }
      deleteTree(profile);
    }
  }

  /**
   * Ends the call's processes: the browser and its children, then any process that names the call's
   * profile (the crash reporter is started detached, outside the browser's process tree).
   */
  private static void stop(Process process, Path profile) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree);
    List<ProcessHandle> rest = processesNaming(profile);
    awaitExit(rest); // the crash reporter leaves on its own when the browser is gone
    rest.forEach(ProcessHandle::destroyForcibly);
    awaitExit(rest);
    List<ProcessHandle> left = processesNaming(profile);
    left.addAll(tree.stream().filter(ProcessHandle::isAlive).toList());
    if (!left.isEmpty()) {
      throw new AssertionError(
          "Chromium processes still running after the call: "
              + left.stream().map(ProcessHandle::pid).toList());
    }
  }

  /**
   * The live processes whose command line contains {@code profile}: those of one call, or of every
   * call with a {@link #withProfileRoot profile root}.
   */
  public static List<ProcessHandle> processesNaming(Path profile) {
    String name = profile.toString();
    return ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().orElse("").contains(name))
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  private static void awaitExit(List<ProcessHandle> processes) {
    long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
    for (ProcessHandle h : processes) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        // still alive (or interrupted): the caller checks isAlive
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is not worth failing a test for
    }
  }
}
