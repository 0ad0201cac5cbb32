package dev.weft.ui.history;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.status.EventLogs;
import dev.weft.hdfs.HadoopConf;
import dev.weft.ui.GroupMapping;
import dev.weft.ui.UiConfig;
import dev.weft.ui.UiServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.SecurityUtil;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/weft-history}: serves the UI of finished and running applications from their event
 * logs in {@code weft.eventLog.dir}. The Hadoop configuration comes from the classpath ({@code
 * bin/weft-history} puts {@code HADOOP_CONF_DIR} on it) and {@code weft.hadoop.*} entries.
 */
@Command(
    name = "weft-history",
    mixinStandardHelpOptions = true,
    description =
        "Serves the web UI of Weft applications from their event logs (weft.eventLog.dir).%n"
            + "Configuration: $WEFT_HOME/conf/weft-defaults.properties, then --conf.")
public final class HistoryServer implements java.util.concurrent.Callable<Integer> {

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "A configuration entry, e.g. weft.eventLog.dir=hdfs:///weft/history.")
  List<String> conf = List.of();

  @Option(
      names = "--port",
      description = "Port to listen on (default weft.history.port, 18080; 0 for a free one).")
  Integer port;

  @Option(names = "--dir", description = "The event log directory (default weft.eventLog.dir).")
  String dir;

  private static final String HTTP_AUTH = "hadoop.http.authentication.";
  private final PrintStream out;
  private final Map<String, String> env;
  private volatile UiServer server;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch stop = new CountDownLatch(1);

  HistoryServer(PrintStream out, Map<String, String> env) {
    this.out = out;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** Runs the command line; returns the exit code (2 for a usage or configuration error). */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    HistoryServer h = new HistoryServer(out, env);
    return new CommandLine(h)
        .setOut(new java.io.PrintWriter(out, true))
        .setErr(new java.io.PrintWriter(err, true))
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              err.println("weft-history: " + e.getMessage());
              return 2;
            })
        .execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>(defaults());
    for (String kv : conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--conf expects KEY=VALUE, found '" + kv + "'");
      }
      entries.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    if (dir != null) {
      entries.put("weft.eventLog.dir", dir);
    }
    WeftConfig config = WeftConfig.of(entries);
    Configuration hadoop = HadoopConf.withOverrides(config.hadoopEntries());
    org.apache.hadoop.fs.Path logDir = EventLogs.dir(config, hadoop);
    FileSystem fs = logDir.getFileSystem(hadoop);
    logDir = fs.makeQualified(logDir);
    if (!fs.isDirectory(logDir)) {
      throw new IllegalArgumentException(
          "The event log directory "
              + logDir
              + " does not exist or is not a directory (--dir or weft.eventLog.dir): expected the"
              + " directory applications write their event logs to");
    }
    HistoryProvider provider =
        new HistoryProvider(
            fs,
            logDir,
            UiConfig.limits(config),
            config.get(UiConfig.HISTORY_UPDATE_INTERVAL).toMillis(),
            System::currentTimeMillis);
    int p = port != null ? port : config.get(UiConfig.HISTORY_PORT);
    SpnegoAuthenticator spnego = spnego(hadoop);
    server =
        new UiServer(
            p,
            new HistoryRouter(
                provider, GroupMapping.hadoop(), config.get(UiConfig.HISTORY_UI_ACLS_ENABLE)),
            null,
            spnego);
    if (spnego != null) {
      out.println("Users are authenticated by SPNEGO (hadoop.http.authentication.type=kerberos)");
    }
    out.println("Weft history server on http://localhost:" + server.port() + "/ over " + logDir);
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "weft-history-stop"));
    started.countDown();
    stop.await();
    return 0;
  }

  /**
   * SPNEGO as Hadoop's own web UIs configure it, when {@code hadoop.http.authentication.type} is
   * {@code kerberos}; else null.
   */
  static SpnegoAuthenticator spnego(Configuration hadoop) throws IOException {
    String type = hadoop.getTrimmed(HTTP_AUTH + "type", "simple");
    if (!type.equals("kerberos")) {
      return null;
    }
    String principal = hadoop.getTrimmed(HTTP_AUTH + "kerberos.principal");
    String keytab = hadoop.getTrimmed(HTTP_AUTH + "kerberos.keytab");
    if (principal == null || principal.isEmpty() || keytab == null || keytab.isEmpty()) {
      throw new IllegalArgumentException(
          HTTP_AUTH
              + "type is kerberos but "
              + HTTP_AUTH
              + "kerberos.principal or .keytab is not set: expected the HTTP service principal"
              + " (HTTP/_HOST@REALM) and its keytab");
    }
    String nameRules =
        hadoop.getTrimmed(
            HTTP_AUTH + "kerberos.name.rules", hadoop.getTrimmed("hadoop.security.auth_to_local"));
    return new SpnegoAuthenticator(
        SecurityUtil.getServerPrincipal(
            principal, InetAddress.getLocalHost().getCanonicalHostName()),
        keytab,
        nameRules);
  }

  private Map<String, String> defaults() throws IOException {
    String home = env.get("WEFT_HOME");
    Map<String, String> out = new LinkedHashMap<>();
    if (home == null) {
      return out;
    }
    Path file = Path.of(home, "conf", "weft-defaults.properties");
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
    }
    return out;
  }

  private void shutdown() {
    UiServer s = server;
    if (s != null) {
      s.close();
    }
    stop.countDown();
  }
}
