package dev.weft.client;

import dev.weft.yarn.am.LaunchSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The jars that containers need: every jar on the launcher's own classpath (the yarn-client jar and
 * its runtime dependencies, Hadoop's client included), without what must never reach a container
 * (the embedded cluster's isolated libraries, log4j 1 / reload4j).
 */
final class RuntimeJars {
  private static final Pattern NEVER_SHIPPED =
      Pattern.compile(
          "(reload4j|slf4j-reload4j|slf4j-log4j12|log4j)-[0-9].*\\.jar|hadoop-client-minicluster.*\\.jar");

  private RuntimeJars() {}

  /**
   * The jars of {@code classPath} (entries separated by the path separator; {@code dir/*}
   * expanded), in order, without duplicates, directories and the jars under {@code excludedDir}.
   */
  static List<Path> of(String classPath, Path excludedDir) throws IOException {
    List<Path> jars = new ArrayList<>();
    for (String entry : classPath.split(Pattern.quote(File.pathSeparator))) {
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.endsWith("*")) {
        Path dir = Path.of(entry.substring(0, entry.length() - 1));
        if (Files.isDirectory(dir)) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            sorted.forEach(p -> add(jars, p, excludedDir));
          }
        }
      } else {
        add(jars, Path.of(entry), excludedDir);
      }
    }
    return jars;
  }

  /**
   * The local resources of {@code jars} used where they are (a {@code file:} URI each; see {@code
   * ContainerResources.inPlace}), for containers on this machine: the embedded master's. Jars are
   * linked by file name; of two jars with one name, the first wins (as on a classpath).
   */
  static List<LaunchSpec.Resource> inPlace(List<Path> jars) throws IOException {
    List<LaunchSpec.Resource> resources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      if (names.add(name)) {
        resources.add(
            new LaunchSpec.Resource(
                name,
                jar.toAbsolutePath().toUri().toString(),
                Files.size(jar),
                Files.getLastModifiedTime(jar).toMillis(),
                false,
                true));
      }
    }
    return resources;
  }

  private static void add(List<Path> jars, Path entry, Path excludedDir) {
    Path jar = entry.toAbsolutePath().normalize();
    String name = jar.getFileName() == null ? "" : jar.getFileName().toString();
    if (!Files.isRegularFile(jar)
        || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")
        || NEVER_SHIPPED.matcher(name).matches()
        || (excludedDir != null && jar.startsWith(excludedDir.toAbsolutePath().normalize()))
        || jars.contains(jar)) {
      return;
    }
    jars.add(jar);
  }
}
