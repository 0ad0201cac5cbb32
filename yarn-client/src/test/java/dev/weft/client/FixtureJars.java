package dev.weft.client;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles small application classes at test time and packs them into jars, so the classes exist
 * only in those jars and never on the test's own classpath.
 */
final class FixtureJars {
  private final Path classes;

  private FixtureJars(Path classes) {
    this.classes = classes;
  }

  /** Compiles {@code sources} (class name to source text) into {@code dir}/classes. */
  static FixtureJars compile(Path dir, Map<String, String> sources) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString()));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue("the tests need a JDK, not a JRE", javac != null);
    int rc = javac.run(null, null, null, args.toArray(new String[0]));
    assertTrue("fixture sources must compile", rc == 0);
    return new FixtureJars(classes);
  }

  /**
   * Writes a jar of the compiled classes of {@code packageName}.
   *
   * @param mainClass the manifest's Main-Class, or null for none
   */
  Path jar(Path jar, String packageName, String mainClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    Path pkg = classes.resolve(packageName.replace('.', '/'));
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.list(pkg)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        jarOut.putNextEntry(new JarEntry(name));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
    }
    return jar;
  }
}
