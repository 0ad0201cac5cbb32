package dev.weft.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line of a fresh JVM on a runner module's classpath: {@code java -Xmx<heap> <the
 * module's jvm.options> -cp <module jar>:<target/classpath.txt> <main> <args>}.
 */
public final class JvmCommand {
  private final Path moduleDir;
  private final String artifact;
  private final String heap;

  /**
   * A launcher for the runner module at {@code moduleDir}.
   *
   * @param artifact the jar's base name in {@code target/}
   * @param heap the {@code -Xmx} value, the same for every engine
   */
  public JvmCommand(Path moduleDir, String artifact, String heap) {
    this.moduleDir = moduleDir;
    this.artifact = artifact;
    this.heap = heap;
  }

  /** The runner module's jar. */
  public Path jar() {
    return moduleDir.resolve("target").resolve(artifact + ".jar");
  }

  /**
   * Why {@code mainClass} cannot be run from this module, or null when it can: the jar, its
   * classpath file or the class is missing.
   */
  public String unavailableReason(String mainClass) {
    Path classpath = moduleDir.resolve("target/classpath.txt");
    if (!Files.isRegularFile(jar())) {
      return jar() + " is not built";
    }
    if (!Files.isRegularFile(classpath)) {
      return classpath + " is missing";
    }
    try (JarFile jar = new JarFile(jar().toFile())) {
      if (jar.getEntry(mainClass.replace('.', '/') + ".class") == null) {
        return mainClass + " is not in " + jar().getFileName();
      }
    } catch (IOException e) {
      return "cannot read " + jar() + ": " + e.getMessage();
    }
    return null;
  }

  /** The full command running {@code mainClass} with {@code args}. */
  public List<String> command(String mainClass, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.add("-Xmx" + heap);
    Path options = moduleDir.resolve("jvm.options");
    if (Files.isRegularFile(options)) {
      for (String line : Files.readAllLines(options, StandardCharsets.UTF_8)) {
        String option = line.strip();
        if (!option.isEmpty() && !option.startsWith("#")) {
          cmd.add(option);
        }
      }
    }
    String deps = Files.readString(moduleDir.resolve("target/classpath.txt")).strip();
    cmd.add("-cp");
    cmd.add(deps.isEmpty() ? jar().toString() : jar() + ":" + deps);
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /** The java of the JVM running the orchestrator, so every engine runs on the same Java. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
