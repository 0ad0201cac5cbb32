package dev.weft.yarn.am;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code yarn-submit} tells the ApplicationMaster, in {@value #FILE} inside the {@value
 * #CONF_DIR} directory of the AM's working directory: the user's main class and arguments, and the
 * local resources the AM gives every executor container too.
 *
 * <p>The {@value #CONF_DIR} directory (an archive resource that YARN unpacks) also holds {@value
 * #WEFT_PROPERTIES} (the application's validated {@code weft.*} configuration), {@value
 * #HADOOP_SITE} (the client's Hadoop configuration, so containers find the cluster as the client
 * did) and {@value #LOG4J2_CONFIG}. It is first on the classpath of the AM and of executors.
 *
 * @param mainClass the user's main class
 * @param args the user's main arguments
 * @param stagingDir the application's staging directory, which the AM's last attempt removes
 * @param resources the local resources of every container (runtime jars, app jar, files, this
 *     configuration archive)
 */
public record LaunchSpec(
    String mainClass, List<String> args, String stagingDir, List<Resource> resources) {

  /** The link name of the configuration archive in containers' working directories. */
  public static final String CONF_DIR = "__weft_conf__";

  /** The launch spec's file name inside {@value #CONF_DIR}. */
  public static final String FILE = "weft-launch.properties";

  /** The application's {@code weft.*} configuration inside {@value #CONF_DIR}. */
  public static final String WEFT_PROPERTIES = "weft.properties";

  /** The client's Hadoop configuration inside {@value #CONF_DIR}, read by every Configuration. */
  public static final String HADOOP_SITE = "core-site.xml";

  /**
   * The link name of the keytab of {@code weft.yarn.principal} in the ApplicationMaster's working
   * directory; executors do not get it.
   */
  public static final String KEYTAB = "__weft__.keytab";

  /** The containers' Log4j2 configuration inside {@value #CONF_DIR}. */
  public static final String LOG4J2_CONFIG = "log4j2.xml";

  /** The link name of the application jar. */
  public static final String APP_JAR = "__app__.jar";

  public LaunchSpec {
    args = List.copyOf(args);
    resources = List.copyOf(resources);
  }

  /**
   * A local resource of the application's containers.
   *
   * @param linkName its name in the container's working directory
   * @param uri where it is on the cluster's file system (fully qualified)
   * @param size its length in bytes, as YARN checks it
   * @param timestamp its modification time, as YARN checks it
   * @param archive whether YARN unpacks it (an archive) or links it as is (a file)
   * @param onClasspath whether the container's classpath includes it
   */
  public record Resource(
      String linkName,
      String uri,
      long size,
      long timestamp,
      boolean archive,
      boolean onClasspath) {}

  /** Writes the spec as properties. */
  public void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("main.class", mainClass);
    p.setProperty("staging.dir", stagingDir);
    p.setProperty("args.count", Integer.toString(args.size()));
    for (int i = 0; i < args.size(); i++) {
      p.setProperty("args." + i, args.get(i));
    }
    p.setProperty("resources.count", Integer.toString(resources.size()));
    for (int i = 0; i < resources.size(); i++) {
      Resource r = resources.get(i);
      String k = "resource." + i + ".";
      p.setProperty(k + "name", r.linkName());
      p.setProperty(k + "uri", r.uri());
      p.setProperty(k + "size", Long.toString(r.size()));
      p.setProperty(k + "timestamp", Long.toString(r.timestamp()));
      p.setProperty(k + "archive", Boolean.toString(r.archive()));
      p.setProperty(k + "classpath", Boolean.toString(r.onClasspath()));
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "Weft application launch spec, written by yarn-submit");
    }
  }

  /**
   * Reads a spec written by {@link #write}.
   *
   * @throws IOException naming the file and the missing or malformed entry
   */
  public static LaunchSpec read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    List<String> args = new ArrayList<>();
    int argCount = intOf(p, "args.count", file);
    for (int i = 0; i < argCount; i++) {
      args.add(required(p, "args." + i, file));
    }
    List<Resource> resources = new ArrayList<>();
    int resourceCount = intOf(p, "resources.count", file);
    for (int i = 0; i < resourceCount; i++) {
      String k = "resource." + i + ".";
      resources.add(
          new Resource(
              required(p, k + "name", file),
              required(p, k + "uri", file),
              longOf(p, k + "size", file),
              longOf(p, k + "timestamp", file),
              Boolean.parseBoolean(required(p, k + "archive", file)),
              Boolean.parseBoolean(required(p, k + "classpath", file))));
    }
    return new LaunchSpec(
        required(p, "main.class", file), args, required(p, "staging.dir", file), resources);
  }

  private static String required(Properties p, String key, Path file) throws IOException {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IOException("Launch spec " + file + " has no entry '" + key + "'");
    }
    return v;
  }

  private static int intOf(Properties p, String key, Path file) throws IOException {
    return (int) longOf(p, key, file);
  }

  private static long longOf(Properties p, String key, Path file) throws IOException {
    String v = required(p, key, file);
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IOException(
          "Launch spec " + file + ": entry '" + key + "' is '" + v + "', expected a number");
    }
  }
}
