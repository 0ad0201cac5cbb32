package dev.weft.yarn.am;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.ApplicationEnd;
import dev.weft.core.status.EventLogWriter;
import dev.weft.spi.cluster.ExecutorLaunch;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.ui.AppUi;
import dev.weft.ui.LiveRouter;
import dev.weft.ui.ProxyGuard;
import dev.weft.ui.UiConfig;
import dev.weft.ui.UiServer;
import dev.weft.yarn.am.provision.ExecutorContextFactory;
import dev.weft.yarn.am.provision.HeartbeatPace;
import dev.weft.yarn.am.provision.ProvisionerContext;
import dev.weft.yarn.am.provision.YarnProvisioner;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The ApplicationMaster: hosts the driver of one Weft application on YARN.
 *
 * <p>It expects, in its working directory, the {@value LaunchSpec#CONF_DIR} directory written by
 * {@code yarn-submit} ({@value LaunchSpec#FILE}, {@value LaunchSpec#WEFT_PROPERTIES}, {@value
 * LaunchSpec#HADOOP_SITE}, {@value LaunchSpec#LOG4J2_CONFIG}) and on its classpath first; the
 * application jar and Weft's runtime jars on its classpath; the NodeManager's {@code CONTAINER_ID}
 * and {@code NM_HOST} in its environment; and the application secret in its credentials under
 * {@link ExecutorLaunch#SECRET_ALIAS}.
 *
 * <p>It makes the {@code weft.properties} entries system properties (with {@code
 * weft.master=yarn}), registers with the ResourceManager with its web UI as tracking URL, runs the
 * user's {@code main} in the {@code weft-driver} thread, and unregisters SUCCEEDED when it returns
 * or FAILED with {@code ExceptionClass: message} when it throws (see {@link AmFinisher} for retried
 * attempts). A {@code System.exit(n)} in the user's code unregisters SUCCEEDED for 0 and FAILED
 * otherwise.
 */
public final class ApplicationMaster {
  private static final Logger LOG = LogManager.getLogger(ApplicationMaster.class);

  private final Path workDir;
  private final StatusTracker status = new StatusTracker();
  private final AtomicReference<SchedulerBackend> backend = new AtomicReference<>();
  private volatile AmFinisher finisher;
  private volatile AMRMClientAsync<ContainerRequest> amrm;
  private volatile Thread driverThread;
  private volatile AmCredentials tokens;

  private ApplicationMaster(Path workDir) {
    this.workDir = workDir;
  }

  /** Runs the ApplicationMaster; exits 0 when the application succeeded, else 1. */
  public static void main(String[] args) {
    int code;
    try {
      code = new ApplicationMaster(containerWorkDir()).run();
    } catch (Throwable t) {
      LOG.error("The ApplicationMaster failed", t);
      code = 1;
    }
    System.exit(code);
  }

  /**
   * The container's working directory. YARN sets {@code PWD} to it; {@code user.dir} cannot be used
   * because the embedded master points it at the submitter's directory so that relative input paths
   * work as typed.
   */
  private static Path containerWorkDir() {
    String pwd = System.getenv("PWD");
    return (pwd != null && !pwd.isEmpty() ? Path.of(pwd) : Path.of("")).toAbsolutePath();
  }

  private int run() throws Exception {
    ContainerId containerId = ContainerId.fromString(requiredEnv(Environment.CONTAINER_ID.name()));
    ApplicationAttemptId attempt = containerId.getApplicationAttemptId();
    String appId = attempt.getApplicationId().toString();
    String host = requiredEnv(Environment.NM_HOST.name());
    LOG.info(
        "ApplicationMaster of {} (attempt {}) starting on {}", appId, attempt.getAttemptId(), host);

    Path confDir = workDir.resolve(LaunchSpec.CONF_DIR);
    LaunchSpec spec = LaunchSpec.read(confDir.resolve(LaunchSpec.FILE));
    Map<String, String> entries = loadProperties(confDir.resolve(LaunchSpec.WEFT_PROPERTIES));
    entries.put("weft.master", "yarn");
    entries.forEach(System::setProperty);

    YarnConfiguration hadoopConf = new YarnConfiguration();
    String setupError = null;
    WeftConfig config = null;
    try {
      config = WeftConfig.of(entries);
      config.hadoopEntries().forEach(hadoopConf::set);
    } catch (IllegalArgumentException e) {
      setupError = e.getMessage();
    }
    Credentials credentials = UserGroupInformation.getCurrentUser().getCredentials();
    byte[] secret = credentials.getSecretKey(new Text(ExecutorLaunch.SECRET_ALIAS));
    if (secret == null && setupError == null) {
      setupError =
          "The ApplicationMaster's credentials hold no application secret (alias "
              + ExecutorLaunch.SECRET_ALIAS
              + "): submit applications with bin/yarn-submit";
    }
    int maxAttempts =
        Math.min(
            config == null ? 1 : config.get(YarnConfig.MAX_APP_ATTEMPTS),
            hadoopConf.getInt(
                YarnConfiguration.RM_AM_MAX_ATTEMPTS,
                YarnConfiguration.DEFAULT_RM_AM_MAX_ATTEMPTS));
    boolean lastAttempt = attempt.getAttemptId() >= maxAttempts;

    if (config != null) {
      // yarn-submit polls at weft.yarn.report.interval (the same configuration reaches both).
      status.setFinalReadWait(
          config.get(YarnConfig.REPORT_INTERVAL).multipliedBy(2).plusSeconds(2));
    }
    AmUi ui =
        new AmUi(
            new AppStatusStore(
                config == null ? AppStatusStore.Limits.DEFAULT : UiConfig.limits(config),
                System::currentTimeMillis),
            Integer.toString(attempt.getAttemptId()));
    boolean killEnabled = config != null && config.get(UiConfig.KILL_ENABLED);
    UiServer server =
        new UiServer(
            config == null ? 0 : config.get(YarnConfig.UI_PORT),
            new LiveRouter(new AppUi(ui.store(), true, ui, killEnabled))
                .addJson(
                    AmLaunch.STATUS_PATH.substring(1),
                    req ->
                        status
                            .poll(StatusTracker.sinceParameter(req.params().get("since")))
                            .toJson(),
                    // yarn-submit reads it with a token whatever the view ACLs say
                    AmLaunch.statusToken(secret == null ? new byte[1] : secret)),
            new ProxyGuard(
                AmUi.proxyHosts(hadoopConf),
                AmUi.proxyUriBase(hadoopConf, appId),
                System::currentTimeMillis));
    String trackingUrl = "http://" + host + ":" + server.port() + "/";
    String historyAddress = config == null ? null : config.get(UiConfig.HISTORY_ADDRESS);
    // After the end, the RM's link leads to the history server, which outlives this AM.
    String finalTrackingUrl =
        historyAddress == null
            ? trackingUrl
            : "http://"
                + historyAddress
                + "/history/"
                + EventLogWriter.fileName(appId, ui.attemptId())
                + "/";
    RmCallbacks callbacks = new RmCallbacks(status, this::failAsync);
    // Fast from the start: the driver's first container requests come within seconds.
    amrm = AMRMClientAsync.createAMRMClientAsync(HeartbeatPace.WAITING_MS, callbacks);
    callbacks.setOrphanHandler(cs -> cs.forEach(c -> amrm.releaseAssignedContainer(c.getId())));
    amrm.init(hadoopConf);
    amrm.start();
    RegisterApplicationMasterResponse registration =
        amrm.registerApplicationMaster(host, 0, trackingUrl);
    LOG.info("Registered with the ResourceManager; web UI {}", trackingUrl);
    finisher =
        new AmFinisher(
            new AmFinisher.Actions() {
              @Override
              public void unregister(FinalApplicationStatus result, String diagnostics)
                  throws Exception {
                amrm.unregisterApplicationMaster(result, diagnostics, finalTrackingUrl);
              }

              @Override
              public void deleteStagingDir() throws IOException {
                org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(spec.stagingDir());
                FileSystem fs = dir.getFileSystem(hadoopConf);
                if (fs.delete(dir, true)) {
                  LOG.info("Deleted the staging directory {}", dir);
                }
              }
            },
            lastAttempt,
            status);
    if (ExitTrap.install()) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "weft-am-shutdown"));
    } else {
      LOG.warn(
          "Cannot trap System.exit on Java {} (it needs Java 17, or 21 and later with the JDK's"
              + " own System.LoggerFinder): a System.exit in the application's main ends the"
              + " attempt without a final status",
          Runtime.version().feature());
    }

    int code;
    try {
      if (setupError != null) {
        return finisher.finish(FinalApplicationStatus.FAILED, setupError);
      }
      try {
        tokens = AmCredentials.startIfKeytab(config, hadoopConf, workDir, backend::get);
      } catch (IOException | IllegalArgumentException e) {
        return finisher.finish(FinalApplicationStatus.FAILED, e.getMessage());
      }
      ProvisionerFactory provisioners =
          new ProvisionerFactory(
              hadoopConf,
              registration,
              spec,
              credentials,
              secret,
              callbacks,
              attempt.getAttemptId());
      AmRuntime.install(
          new AmRuntime(
              appId,
              attempt.getAttemptId(),
              host,
              secret,
              status,
              ui,
              provisioners::create,
              backend::set));
      status.setState(StatusTracker.State.RUNNING, null);
      ApplicationEnd.deferToHost();
      Throwable failure = runDriver(spec);
      ApplicationEnd.finish(failure == null ? null : Failures.describe(failure));
      stopBackend();
      code =
          failure == null
              ? finisher.finish(FinalApplicationStatus.SUCCEEDED, null)
              : finisher.finish(FinalApplicationStatus.FAILED, Failures.describe(failure));
    } finally {
      AmCredentials t = tokens;
      if (t != null) {
        t.close();
      }
      amrm.stop();
      server.close();
    }
    return code;
  }

  /** Makes the provisioner for the driver's configuration. */
  private final class ProvisionerFactory {
    private final YarnConfiguration hadoopConf;
    private final RegisterApplicationMasterResponse registration;
    private final LaunchSpec spec;
    private final Credentials credentials;
    private final byte[] secret;
    private final RmCallbacks callbacks;
    private final int amAttempt;

    ProvisionerFactory(
        YarnConfiguration hadoopConf,
        RegisterApplicationMasterResponse registration,
        LaunchSpec spec,
        Credentials credentials,
        byte[] secret,
        RmCallbacks callbacks,
        int amAttempt) {
      this.amAttempt = amAttempt;
      this.hadoopConf = hadoopConf;
      this.registration = registration;
      this.spec = spec;
      this.credentials = credentials;
      this.secret = secret;
      this.callbacks = callbacks;
    }

    YarnProvisioner create(WeftConfig config) {
      Credentials current = credentials;
      AmCredentials t = tokens;
      if (t != null) {
        try {
          // The tokens the AM holds now: fresher than those it started with.
          current = UserGroupInformation.getCurrentUser().getCredentials();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      Map<String, String> env = new HashMap<>();
      String user = System.getenv("HADOOP_USER_NAME");
      if (user != null) {
        env.put("HADOOP_USER_NAME", user);
      }
      YarnProvisioner p =
          new YarnProvisioner(
              config,
              new ProvisionerContext(
                  hadoopConf,
                  amrm,
                  registration.getMaximumResourceCapability(),
                  spec,
                  current,
                  secret,
                  env,
                  ExecutorContextFactory.javaCommand(
                      System.getenv(Environment.JAVA_HOME.name()) != null,
                      System.getProperty("java.home")),
                  ApplicationMaster.this::failAsync,
                  status::setExecutors,
                  amAttempt));
      callbacks.setProvisioner(p);
      if (t != null) {
        t.provisionerCreated(p);
      }
      return p;
    }
  }

  private Throwable runDriver(LaunchSpec spec) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                invokeMain(spec.mainClass(), spec.args());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "weft-driver");
    t.setContextClassLoader(ClassLoader.getSystemClassLoader());
    driverThread = t;
    LOG.info("Running {} {}", spec.mainClass(), spec.args());
    t.start();
    t.join();
    Throwable f = failure.get();
    if (f != null) {
      LOG.error("The application's main failed", f);
    } else {
      LOG.info("The application's main returned");
    }
    return f;
  }

  private static void invokeMain(String mainClass, List<String> args) throws Throwable {
    Class<?> c;
    try {
      c = Class.forName(mainClass, true, ClassLoader.getSystemClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ClassNotFoundException(
          "Main class " + mainClass + " is not in the application jar or its dependencies", e);
    }
    Method main;
    try {
      main = c.getMethod("main", String[].class);
    } catch (NoSuchMethodException e) {
      throw new NoSuchMethodException(
          "Class " + mainClass + " has no public static main(String[])");
    }
    if (!Modifier.isStatic(main.getModifiers())) {
      throw new NoSuchMethodException(
          "Class " + mainClass + " has no public static main(String[])");
    }
    try {
      main.invoke(null, (Object) args.toArray(String[]::new));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Ends the application as FAILED from any thread: too many executor failures, a lost RM. */
  private void failAsync(String reason) {
    Thread t =
        new Thread(
            () -> {
              AmFinisher f = finisher;
              if (f == null || f.finished()) {
                return;
              }
              LOG.error("Failing the application: {}", reason);
              ApplicationEnd.finish(reason);
              int code = f.finish(FinalApplicationStatus.FAILED, reason);
              stopBackend();
              Thread d = driverThread;
              if (d != null) {
                d.interrupt();
              }
              System.exit(code);
            },
            "weft-am-fail");
    t.setDaemon(true);
    t.start();
  }

  private void stopBackend() {
    SchedulerBackend b = backend.get();
    if (b != null) {
      try {
        b.stop();
      } catch (RuntimeException e) {
        LOG.warn("Stopping the scheduler backend failed", e);
      }
    }
  }

  private void onShutdown() {
    AmFinisher f = finisher;
    if (f == null || f.finished()) {
      return;
    }
    Integer exit = ExitTrap.exitStatus();
    if (exit == null) {
      LOG.warn("The ApplicationMaster is being stopped (signal) before the application ended");
      return;
    }
    if (exit == 0) {
      f.finish(FinalApplicationStatus.SUCCEEDED, null);
    } else {
      f.finish(
          FinalApplicationStatus.FAILED, "The application's main called System.exit(" + exit + ")");
    }
    stopBackend();
    AMRMClientAsync<ContainerRequest> rm = amrm;
    if (rm != null) {
      rm.stop();
    }
  }

  private static String requiredEnv(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException(
          "Environment variable "
              + name
              + " is not set: the ApplicationMaster runs in a YARN"
              + " container started by bin/yarn-submit");
    }
    return v;
  }

  private static Map<String, String> loadProperties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    Map<String, String> out = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      out.put(k, p.getProperty(k));
    }
    return out;
  }
}
