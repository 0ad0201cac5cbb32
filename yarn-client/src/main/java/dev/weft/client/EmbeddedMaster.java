package dev.weft.client;

import dev.weft.client.embedded.EmbeddedHadoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@code embedded} master: an in-process HDFS and YARN ({@link EmbeddedHadoop}) started in a
 * class loader of their own over {@code embedded-lib/} (next to the yarn-client jar), whose parent
 * is the platform class loader, so neither the mini clusters' libraries (reload4j, the unshaded
 * Hadoop servers) meet the engine's nor the other way round. Applications are then submitted to it
 * exactly as to a real cluster.
 */
final class EmbeddedMaster implements AutoCloseable {
  /** The mini clusters' libraries, in the directory of the yarn-client jar. */
  static final String LIB_DIR = "embedded-lib";

  /** The shaded shuffle service jar, in the directory of the yarn-client jar. */
  static final String SHUFFLE_SERVICE_JAR = "shuffle-service/weft-shuffle-service-nm.jar";

  private static final String BOOTSTRAP_PACKAGE = "dev.weft.client.embedded.";

  /** {@link EmbeddedHadoop}, by name: the launcher's class loader must not load it. */
  private static final String BOOTSTRAP_CLASS = BOOTSTRAP_PACKAGE + "EmbeddedHadoop";

  private final AutoCloseable cluster;
  private final Map<String, String> conf;
  private final URLClassLoader loader;
  private final Path workDir;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private EmbeddedMaster(
      AutoCloseable cluster, Map<String, String> conf, URLClassLoader loader, Path workDir) {
    this.cluster = cluster;
    this.conf = conf;
    this.loader = loader;
    this.workDir = workDir;
  }

  /** Where the launcher's own jar (or classes directory) is. */
  static Path launcherDir() {
    try {
      Path self =
          Path.of(EmbeddedMaster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return self.getParent();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Cannot tell where the yarn-client classes are", e);
    }
  }

  /** Starts HDFS and YARN in this JVM. */
  @SuppressWarnings("unchecked")
  static EmbeddedMaster start() throws SubmitException {
    Path base = launcherDir();
    Path lib = base.resolve(LIB_DIR);
    Path nmJar = base.resolve(SHUFFLE_SERVICE_JAR);
    List<URL> urls = jars(lib);
    if (urls.isEmpty() || !Files.isRegularFile(nmJar)) {
      throw new SubmitException(
          "The embedded master needs "
              + lib
              + " and "
              + nmJar
              + ", built with yarn-client (mvn -q -DskipTests install from the Weft checkout)");
    }
    Path workDir;
    try {
      workDir = Files.createTempDirectory("weft-embedded-");
    } catch (IOException e) {
      throw new SubmitException(
          "Cannot create the embedded cluster's work directory: " + e.getMessage());
    }
    // The NodeManager's shuffle service and Jersey log through java.util.logging: keep them quiet.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    System.setProperty(
        "log4j.configuration",
        EmbeddedMaster.class.getResource("embedded-log4j.properties").toString());
    URLClassLoader loader = new BootstrapLoader(urls.toArray(new URL[0]));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Object cluster =
          loader
              .loadClass(BOOTSTRAP_CLASS)
              .getConstructor(Map.class)
              .newInstance(
                  Map.of(
                      EmbeddedHadoop.WORK_DIR, workDir.toString(),
                      EmbeddedHadoop.SHUFFLE_SERVICE_JAR, nmJar.toString(),
                      EmbeddedHadoop.JAVA_HOME, System.getProperty("java.home")));
      Map<String, String> conf = ((Supplier<Map<String, String>>) cluster).get();
      return new EmbeddedMaster((AutoCloseable) cluster, conf, loader, workDir);
    } catch (InvocationTargetException e) {
      deleteTree(workDir);
      throw new SubmitException(
          "The embedded HDFS and YARN did not start: "
              + YarnSubmit.describe(YarnSubmit.rootCause(e)),
          YarnSubmit.EXIT_JOB_FAILED);
    } catch (ReflectiveOperationException | LinkageError e) {
      deleteTree(workDir);
      throw new SubmitException(
          "The embedded master's libraries in "
              + lib
              + " are incomplete: "
              + YarnSubmit.describe(e));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The cluster's Hadoop configuration. */
  Map<String, String> conf() {
    return conf;
  }

  /**
   * Writes the cluster's configuration as {@code core-site.xml} and {@code yarn-site.xml} into a
   * directory of the work directory, so that {@code HADOOP_CONF_DIR=<it> yarn-submit --status}
   * works while the cluster runs.
   *
   * @return the directory
   */
  Path writeConfDir(org.apache.hadoop.conf.Configuration hadoopConf) throws IOException {
    Path dir = Files.createDirectories(workDir.resolve("hadoop-conf"));
    for (String site : List.of("core-site.xml", "yarn-site.xml")) {
      try (java.io.OutputStream out = Files.newOutputStream(dir.resolve(site))) {
        hadoopConf.writeXml(out);
      }
    }
    return dir;
  }

  /** Stops the clusters and deletes their work directory. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      cluster.close();
    } catch (Exception e) {
      System.err.println(
          "Warning: the embedded cluster did not stop cleanly: " + YarnSubmit.describe(e));
    } finally {
      thread.setContextClassLoader(previous);
      deleteTree(workDir);
    }
  }

  private static List<URL> jars(Path dir) {
    List<URL> urls = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return urls;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
      for (Path jar : files) {
        urls.add(jar.toUri().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    urls.sort(Comparator.comparing(URL::toString));
    return urls;
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: it is under the temporary directory.
    }
  }

  /**
   * The mini clusters' jars, parent the platform class loader, plus the bootstrap package read from
   * the launcher's own classes (and nothing else of them).
   */
  private static final class BootstrapLoader extends URLClassLoader {
    BootstrapLoader(URL[] urls) {
      super("weft-embedded", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (!name.startsWith(BOOTSTRAP_PACKAGE)) {
        return super.findClass(name);
      }
      String resource = name.replace('.', '/') + ".class";
      try (InputStream in = EmbeddedMaster.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
