package dev.weft.client;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The application's jar and its {@code --jars}: checked up front, then opened as a class loader
 * whose parent is the launcher's, so the application sees Weft's runtime but not the other way
 * round.
 */
final class AppClasspath {
  private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

  private final String appJarName;
  private final Path appJar;
  private final List<Path> jars;

  private AppClasspath(String appJarName, Path appJar, List<Path> jars) {
    this.appJarName = appJarName;
    this.appJar = appJar;
    this.jars = jars;
  }

  /**
   * Checks that the application jar and every extra jar are readable local jar files.
   *
   * @throws SubmitException naming the first missing or unreadable jar
   */
  static AppClasspath of(String appJar, List<String> jars) throws SubmitException {
    Path app = localPath(appJar, "Application jar");
    if (!Files.isRegularFile(app)) {
      throw new SubmitException("Application jar not found: " + appJar);
    }
    checkJar(app, appJar, "Application jar");
    List<Path> extra = new ArrayList<>();
    for (String jar : jars) {
      Path p = localPath(jar, "--jars entry");
      if (!Files.isRegularFile(p)) {
        throw new SubmitException("Jar of --jars not found: " + jar);
      }
      checkJar(p, jar, "Jar of --jars");
      extra.add(p);
    }
    return new AppClasspath(appJar, app, List.copyOf(extra));
  }

  /**
   * Checks that each of {@code paths} exists, for the options that ship files ({@code --files},
   * {@code --archives}); entries with a URI scheme other than {@code file:} are left to YARN.
   */
  static void checkLocalFilesExist(String option, List<String> paths) throws SubmitException {
    for (String path : paths) {
      if (URI_SCHEME.matcher(path).matches() && !path.startsWith("file:")) {
        continue;
      }
      if (!Files.exists(localPath(path, option + " entry"))) {
        throw new SubmitException("File of " + option + " not found: " + path);
      }
    }
  }

  /** The application jar, absolute. */
  Path appJar() {
    return appJar;
  }

  /** The application jar as the user named it, for messages. */
  String appJarName() {
    return appJarName;
  }

  /** The {@code Main-Class} of the application jar's manifest, or null when it has none. */
  String manifestMainClass() throws SubmitException {
    try (JarFile jar = new JarFile(appJar.toFile())) {
      Manifest manifest = jar.getManifest();
      return manifest == null
          ? null
          : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
    } catch (IOException e) {
      throw new SubmitException(
          "Cannot read the manifest of " + appJarName + ": " + e.getMessage());
    }
  }

  /** A class loader over the application jar, then the extra jars, child of {@code parent}. */
  URLClassLoader open(ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    urls.add(toUrl(appJar));
    for (Path jar : jars) {
      urls.add(toUrl(jar));
    }
    return new URLClassLoader("weft-app", urls.toArray(new URL[0]), parent);
  }

  private static Path localPath(String path, String what) throws SubmitException {
    try {
      if (path.startsWith("file:")) {
        return Path.of(URI.create(path)).toAbsolutePath();
      }
      if (URI_SCHEME.matcher(path).matches()) {
        throw new SubmitException(
            what
                + " '"
                + path
                + "' is not a local file: local masters read jars from this machine");
      }
      return Path.of(path).toAbsolutePath();
    } catch (IllegalArgumentException e) {
      throw new SubmitException(what + " '" + path + "' is not a valid path: " + e.getMessage());
    }
  }

  private static void checkJar(Path jar, String name, String what) throws SubmitException {
    try (JarFile ignored = new JarFile(jar.toFile())) {
      // Opening reads the central directory, which is all a class loader needs to start.
    } catch (IOException e) {
      throw new SubmitException(
          what + " is not a readable jar: " + name + " (" + e.getMessage() + ")");
    }
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("A local path has no file URL: " + path, e);
    }
  }
}
