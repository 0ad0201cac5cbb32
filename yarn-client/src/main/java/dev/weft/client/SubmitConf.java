package dev.weft.client;

import dev.weft.core.config.ConfigException;
import dev.weft.core.config.ConfigType;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.yarn.am.YarnConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code weft.*} configuration of one submission, resolved and validated. Sources, later wins:
 * {@code weft-defaults.properties} in the configuration directory, {@code --conf} entries, then the
 * dedicated options ({@code --master}, {@code --name}, {@code --executor-memory}, {@code
 * --executor-cores}). A key outside {@code weft.*} is a Hadoop setting and is kept as {@code
 * weft.hadoop.<key>}, the form that reaches the job through system properties.
 *
 * <p>The master, when none is given anywhere, is {@link Masters#defaultMaster}. For the YARN
 * masters the YARN options map to their keys ({@code --driver-memory} to {@code
 * weft.driver.memory}, {@code --num-executors}, {@code --queue}, {@code --tags}, {@code
 * --priority}, {@code --max-app-attempts}); the {@code embedded} master adds {@link
 * EmbeddedDefaults}.
 */
final class SubmitConf {

  /** The file of defaults looked up in the configuration directory. */
  static final String DEFAULTS_FILE = "weft-defaults.properties";

  private final Map<String, String> entries;
  private final Set<String> jobOnlyKeys;
  private final WeftConfig config;

  private SubmitConf(Map<String, String> entries, Set<String> jobOnlyKeys) {
    this.entries = Collections.unmodifiableMap(entries);
    this.jobOnlyKeys = Set.copyOf(jobOnlyKeys);
    this.config = WeftConfig.of(entries);
  }

  /**
   * Resolves and validates the configuration of {@code options}.
   *
   * @param confDir the directory holding {@value #DEFAULTS_FILE}, or null for none
   * @param env the environment, for the default master
   * @param workingDir the launcher's working directory, against which the embedded master resolves
   *     relative paths
   * @throws SubmitException naming the entry, its source and what was expected
   */
  static SubmitConf resolve(
      SubmitOptions options, Path confDir, Map<String, String> env, Path workingDir)
      throws SubmitException {
    Map<String, String> entries = new TreeMap<>();
    if (confDir != null) {
      Path defaults = confDir.resolve(DEFAULTS_FILE);
      if (Files.isRegularFile(defaults)) {
        Map<String, String> fromFile = readDefaults(defaults);
        validate(fromFile, " (in " + defaults + ")");
        entries.putAll(fromFile);
      }
    }
    for (String entry : options.conf) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new SubmitException("Invalid --conf '" + entry + "': expected key=value");
      }
      Map<String, String> one = Map.of(qualify(entry.substring(0, eq)), entry.substring(eq + 1));
      validate(one, " (from --conf " + entry + ")");
      entries.putAll(one);
    }
    putFlag(entries, "--master", CoreConfig.MASTER.name(), options.master);
    putFlag(entries, "--name", CoreConfig.APP_NAME.name(), options.name);
    putFlag(
        entries, "--executor-memory", CoreConfig.EXECUTOR_MEMORY.name(), options.executorMemory);
    putFlag(entries, "--executor-cores", CoreConfig.EXECUTOR_CORES.name(), options.executorCores);
    entries.putIfAbsent(CoreConfig.MASTER.name(), Masters.defaultMaster(env));
    Set<String> jobOnly = new HashSet<>();
    String master = entries.get(CoreConfig.MASTER.name());
    if (Masters.isYarn(master)) {
      putYarnOptions(entries, options);
    }
    if (Masters.EMBEDDED.equals(master)) {
      jobOnly.addAll(EmbeddedDefaults.apply(entries, workingDir));
      validate(entries, " (embedded master defaults)");
    }
    return new SubmitConf(entries, jobOnly);
  }

  private static void putYarnOptions(Map<String, String> entries, SubmitOptions options)
      throws SubmitException {
    putFlag(entries, "--driver-memory", YarnConfig.DRIVER_MEMORY.name(), options.driverMemory);
    putFlag(
        entries,
        "--num-executors",
        YarnConfig.EXECUTOR_INSTANCES.name(),
        str(options.numExecutors));
    putFlag(entries, "--queue", YarnConfig.QUEUE.name(), options.queue);
    putFlag(
        entries,
        "--tags",
        YarnConfig.TAGS.name(),
        options.tags.isEmpty() ? null : String.join(",", options.tags));
    putFlag(entries, "--priority", YarnConfig.PRIORITY.name(), str(options.priority));
    putFlag(
        entries,
        "--max-app-attempts",
        YarnConfig.MAX_APP_ATTEMPTS.name(),
        str(options.maxAppAttempts));
    putFlag(entries, "--principal", YarnConfig.PRINCIPAL.name(), options.principal);
    putFlag(
        entries,
        "--keytab",
        YarnConfig.KEYTAB.name(),
        options.keytab == null ? null : Path.of(options.keytab).toAbsolutePath().toString());
    putFlag(entries, "--proxy-user", YarnConfig.PROXY_USER.name(), options.proxyUser);
  }

  private static String str(Integer value) {
    return value == null ? null : value.toString();
  }

  /**
   * Checks {@code --driver-memory}, which is not a {@code weft.*} key: bin/yarn-submit turns it
   * into the launcher's {@code -Xmx}.
   */
  static void checkDriverMemory(String driverMemory) throws SubmitException {
    if (driverMemory == null) {
      return;
    }
    try {
      ConfigType.SIZE.parse(driverMemory);
    } catch (IllegalArgumentException e) {
      throw new SubmitException(
          "Invalid value '" + driverMemory + "' for --driver-memory: " + e.getMessage());
    }
  }

  /** {@code key} as it reaches the job: {@code weft.*} unchanged, others as Hadoop settings. */
  static String qualify(String key) {
    return key.startsWith("weft.") ? key : WeftConfig.HADOOP_PREFIX + key;
  }

  private static void putFlag(Map<String, String> entries, String flag, String key, String value)
      throws SubmitException {
    if (value == null) {
      return;
    }
    validate(Map.of(key, value), " (from " + flag + ")");
    entries.put(key, value);
  }

  private static void validate(Map<String, String> entries, String source) throws SubmitException {
    try {
      WeftConfig.of(entries);
    } catch (ConfigException e) {
      throw new SubmitException(e.getMessage() + source);
    }
  }

  private static Map<String, String> readDefaults(Path file) throws SubmitException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new SubmitException("Cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> entries = new TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      entries.put(qualify(name), props.getProperty(name).trim());
    }
    return entries;
  }

  /** The validated configuration. */
  WeftConfig config() {
    return config;
  }

  /** The master, e.g. {@code local[2]}. */
  String master() {
    return config.get(CoreConfig.MASTER);
  }

  /** Whether the master runs in this JVM (local, local[N], local[*]). */
  boolean isLocal() {
    return master().startsWith("local");
  }

  /**
   * The Hadoop settings the submitting client uses too: every {@code weft.hadoop.*} entry except
   * those meant for the job only (the embedded master's local default file system).
   */
  Map<String, String> clientHadoopEntries() {
    Map<String, String> hadoop = new TreeMap<>();
    for (Map.Entry<String, String> e : config.hadoopEntries().entrySet()) {
      if (!jobOnlyKeys.contains(WeftConfig.HADOOP_PREFIX + e.getKey())) {
        hadoop.put(e.getKey(), e.getValue());
      }
    }
    return hadoop;
  }

  /** Every resolved entry, each a {@code weft.*} key, sorted. */
  Map<String, String> entries() {
    return entries;
  }

  /**
   * The entries to set as system properties for the application: {@link #entries()} with {@code
   * weft.app.name} defaulted to {@code appName} when no source set it.
   */
  Map<String, String> systemProperties(String appName) {
    Map<String, String> props = new TreeMap<>(entries);
    props.putIfAbsent(CoreConfig.APP_NAME.name(), appName);
    return props;
  }
}
