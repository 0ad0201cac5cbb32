package dev.weft.it.yarn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Packs test applications (classes of the test classpath) into a jar for {@code yarn-submit}. */
public final class AppJar {
  private AppJar() {}

  /** Writes {@code jar} with each of {@code mains} and its nested classes. */
  public static Path build(Path jar, Class<?>... mains) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Class<?> main : mains) {
        Path classFile = classFile(main);
        String prefix = main.getSimpleName();
        List<Path> files;
        try (Stream<Path> siblings = Files.list(classFile.getParent())) {
          files =
              siblings
                  .filter(
                      p -> {
                        String n = p.getFileName().toString();
                        return n.equals(prefix + ".class") || n.startsWith(prefix + "$");
                      })
                  .toList();
        }
        String dir = main.getPackageName().replace('.', '/') + "/";
        for (Path f : files) {
          out.putNextEntry(new JarEntry(dir + f.getFileName()));
          try (InputStream in = Files.newInputStream(f)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  private static Path classFile(Class<?> c) throws IOException {
    try {
      Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      return root.resolve(c.getName().replace('.', '/') + ".class");
    } catch (URISyntaxException e) {
      throw new IOException("No class file for " + c, e);
    }
  }
}
