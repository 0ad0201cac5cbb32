package dev.weft.shuffle.yarn;

import dev.weft.auth.ShuffleServiceData;
import dev.weft.shuffle.config.ShuffleServiceKeys;
import dev.weft.shuffle.server.RegisteredExecutor;
import dev.weft.shuffle.server.ShuffleServer;
import dev.weft.shuffle.server.ShuffleServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.api.ApplicationInitializationContext;
import org.apache.hadoop.yarn.server.api.ApplicationTerminationContext;
import org.apache.hadoop.yarn.server.api.AuxiliaryService;

/**
 * The Weft shuffle service as a YARN NodeManager auxiliary service, installed under the name
 * {@value #SERVICE_NAME}. It serves the map outputs that executors write to the NodeManager's local
 * dirs, so they stay readable after the executor that wrote them has exited.
 *
 * <ul>
 *   <li>{@link #serviceInit}: reads and validates the keys of {@link ShuffleServiceKeys}; a bad
 *       value fails with one line naming the key.
 *   <li>{@link #serviceStart}: opens the recovery store when {@code
 *       yarn.nodemanager.recovery.enabled} is true, re-registers what it holds, binds the port and
 *       registers the metrics source {@value ShuffleServiceMetricsSource#NAME}. Any failure (port
 *       in use, recovery directory unusable) propagates and leaves nothing running.
 *   <li>{@link #getMetaData}: the bound port, see {@link ShuffleServiceMetaData}.
 *   <li>{@link #initializeApplication}: registers the application's secret and whether its
 *       connections must be encrypted, the service data ({@link ShuffleServiceData}) the
 *       application put in its containers' launch contexts under {@value #SERVICE_NAME}, and
 *       confines it to its own app-cache dirs ({@link #applicationDirs}).
 *   <li>{@link #stopApplication}: forgets the application and deletes its shuffle files.
 *   <li>{@link #serviceStop}: stops the server, unregisters the metrics, closes the store (whose
 *       files stay for the next start).
 * </ul>
 *
 * <p>With recovery on, application secrets and executor registrations are kept in a {@link
 * RecoveryStore} under the recovery path the NodeManager sets, so the applications running when a
 * NodeManager restarts keep fetching. A damaged store does not stop the service: what could not be
 * read is logged at WARNING, one line each, and counted in the {@code RecoveryProblems} metric.
 *
 * <p>Logs through {@link System.Logger}: the NodeManager's classpath has no Log4j2, and this module
 * compiles against no SLF4J; in a NodeManager the lines go to {@code java.util.logging}.
 */
public class WeftShuffleService extends AuxiliaryService {
  /** The name in {@code yarn.nodemanager.aux-services} and the key of the service data. */
  public static final String SERVICE_NAME = "weft_shuffle";

  /** The shortest application secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 16;

  /** The longest application secret accepted, in bytes. */
  public static final int MAX_SECRET_BYTES = 1024;

  /** Bytes {@link ShuffleServiceData} puts before the secret. */
  private static final int SERVICE_DATA_HEADER_BYTES = 9;

  /** Records appended to the recovery log before it is folded into the snapshot. */
  static final int COMPACT_EVERY = 1000;

  private static final Logger LOG = System.getLogger(WeftShuffleService.class.getName());

  private ShuffleServerConfig serverConfig;
  private boolean recoveryEnabled;
  private List<String> nodeManagerLocalDirs;
  private volatile ShuffleServer server;
  private volatile RecoveryStore store;
  private volatile ByteBuffer metaData;
  private volatile RecoveryReport recoveryReport;
  private volatile int recoveryProblems;
  private String metricsSourceName;

  /** Created by the NodeManager through the class named in {@code yarn-site.xml}. */
  public WeftShuffleService() {
    super(SERVICE_NAME);
  }

  @Override
  protected void serviceInit(Configuration conf) throws Exception {
    serverConfig = ServerConfigFactory.create(conf);
    recoveryEnabled = ServerConfigFactory.recoveryEnabled(conf);
    nodeManagerLocalDirs = ServerConfigFactory.nodeManagerLocalDirs(conf);
    super.serviceInit(conf);
  }

  @Override
  protected void serviceStart() throws Exception {
    try {
      List<String> problems = new ArrayList<>();
      if (recoveryEnabled) {
        store = openStore(recoveryDir());
        recoveryReport = store.report();
        problems.addAll(recoveryReport.problems());
      }
      server = new ShuffleServer(serverConfig, this::persistExecutor);
      if (store != null) {
        problems.addAll(restore(store.applications()));
      }
      recoveryProblems = problems.size();
      for (String problem : problems) {
        LOG.log(Level.WARNING, "Shuffle recovery problem: {0}", problem);
      }
      int port = startServer();
      metaData = ShuffleServiceMetaData.encodePort(port);
      metricsSourceName =
          new ShuffleServiceMetricsSource(server.metrics(), () -> recoveryProblems)
              .register(DefaultMetricsSystem.instance());
      LOG.log(
          Level.INFO,
          "Service {0} state INITED -> STARTED: port {1}, recovery {2}",
          SERVICE_NAME,
          port,
          store == null ? "off" : "in " + store.dir());
    } catch (Exception | Error e) {
      releaseQuietly(e);
      throw e;
    }
    super.serviceStart();
  }

  @Override
  protected void serviceStop() throws Exception {
    Exception failure = null;
    try {
      release();
    } catch (Exception e) {
      failure = e;
    }
    try {
      super.serviceStop();
    } catch (Exception e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    LOG.log(Level.INFO, "Service {0} stopped", SERVICE_NAME);
  }

  /**
   * The bound port as 4 big-endian bytes (see {@link ShuffleServiceMetaData}); a fresh buffer on
   * every call.
   *
   * @throws IllegalStateException when the service is not started
   */
  @Override
  public ByteBuffer getMetaData() {
    ByteBuffer m = metaData;
    if (m == null) {
      throw new IllegalStateException(SERVICE_NAME + " has no port: the service is not started");
    }
    return m.duplicate();
  }

  /**
   * Registers the application's secret and whether it requires encrypted connections, which the
   * application gave as this service's data ({@link ShuffleServiceData}, or a bare secret) in its
   * containers' launch contexts; the recovery store keeps the data as given. The NodeManager calls
   * this once per container that carries the data; registering the same secret again changes
   * nothing. The application's executors may then register only dirs inside its app-cache dirs, see
   * {@link #applicationDirs}.
   *
   * @throws IllegalArgumentException when the data is missing, or shorter than {@value
   *     #MIN_SECRET_BYTES} or longer than {@value #MAX_SECRET_BYTES} bytes
   * @throws UncheckedIOException when the secret cannot be written to the recovery store; the
   *     application is then not registered
   */
  @Override
  public void initializeApplication(ApplicationInitializationContext context) {
    String appId = context.getApplicationId().toString();
    byte[] data = serviceData(appId, context.getApplicationDataForService());
    ShuffleServiceData registration = registrationOf(appId, data);
    String user = context.getUser();
    List<Path> dirs = applicationDirs(user, appId);
    ShuffleServer s = runningServer();
    RecoveryStore st = store;
    if (st != null) {
      try {
        // The service data as given: the secret and the application's security flags.
        st.putApplication(appId, data, user);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot keep application "
                + appId
                + " in the shuffle recovery store in "
                + st.dir()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    s.registerApplication(appId, registration.secret(), dirs, registration.encryptionRequired());
  }

  /**
   * The dirs an application's executors may keep shuffle files in: {@code <local
   * dir>/usercache/<user>/appcache/<appId>} for each of the NodeManager's {@code
   * yarn.nodemanager.local-dirs}, the application-level dirs YARN gives its containers as {@code
   * LOCAL_DIRS}.
   *
   * @throws IllegalArgumentException when the user is missing or not a plain name
   */
  List<Path> applicationDirs(String user, String appId) {
    if (user == null
        || user.isEmpty()
        || user.equals(".")
        || user.equals("..")
        || user.indexOf('/') >= 0
        || user.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "Application "
              + appId
              + " has no valid user for "
              + SERVICE_NAME
              + ", found '"
              + user
              + "'");
    }
    List<Path> dirs = new ArrayList<>(nodeManagerLocalDirs.size());
    for (String localDir : nodeManagerLocalDirs) {
      dirs.add(
          Path.of(localDir, "usercache", user, "appcache", appId).toAbsolutePath().normalize());
    }
    return dirs;
  }

  /**
   * Forgets the application (its secret and executors, in the recovery store too) and deletes its
   * shuffle files from its executors' local dirs in the background; a file that cannot be deleted
   * is logged at WARNING. An application the service never registered is ignored.
   *
   * @throws UncheckedIOException when the removal cannot be written to the recovery store
   */
  @Override
  public void stopApplication(ApplicationTerminationContext context) {
    String appId = context.getApplicationId().toString();
    ShuffleServer s = runningServer();
    s.removeApplication(appId)
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                LOG.log(
                    Level.WARNING,
                    "Shuffle files of stopped application {0} were not all deleted: {1}",
                    appId,
                    failure.getMessage());
              }
            });
    RecoveryStore st = store;
    if (st != null) {
      try {
        st.removeApplication(appId);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot remove application "
                + appId
                + " from the shuffle recovery store in "
                + st.dir()
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  /** What the recovery store found at the last start; null when recovery is off or not started. */
  RecoveryReport recoveryReport() {
    return recoveryReport;
  }

  /**
   * The problems reported at the last start: the store's and the executors it could not restore.
   */
  int recoveryProblems() {
    return recoveryProblems;
  }

  /** The running server, for tests that look at its state. */
  ShuffleServer server() {
    return runningServer();
  }

  /** The name the metrics source was registered under; null when not started. */
  String metricsSourceName() {
    return metricsSourceName;
  }

  /** Persists an executor that registered over the protocol; refuses it when that fails. */
  private void persistExecutor(RegisteredExecutor executor) throws IOException {
    RecoveryStore st = store;
    if (st == null) {
      return;
    }
    StoreRecord.ExecutorRegistered record =
        new StoreRecord.ExecutorRegistered(
            executor.appId(),
            executor.executorId(),
            executor.localDirs(),
            executor.subDirsPerDir());
    try {
      st.putExecutor(record);
    } catch (IOException e) {
      throw new IOException(
          "Cannot keep executor "
              + executor.executorId()
              + " of application "
              + executor.appId()
              + " in the shuffle recovery store in "
              + st.dir()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Registers recovered applications and executors with the server.
   *
   * @return one line per executor the server refused (e.g. its dir is no longer a local dir)
   */
  private List<String> restore(List<RecoveredApplication> apps) {
    List<String> problems = new ArrayList<>();
    int executors = 0;
    for (RecoveredApplication app : apps) {
      if (app.user() == null) {
        // Kept before the user was: only the server-wide check of local dirs applies.
        LOG.log(
            Level.WARNING,
            "Recovered application {0} without its user: its executors are checked against all"
                + " local dirs only",
            app.appId());
        ShuffleServiceData data = ShuffleServiceData.decode(app.secret());
        server.registerApplication(
            app.appId(), data.secret(), List.of(), data.encryptionRequired());
      } else {
        try {
          ShuffleServiceData data = registrationOf(app.appId(), app.secret());
          server.registerApplication(
              app.appId(),
              data.secret(),
              applicationDirs(app.user(), app.appId()),
              data.encryptionRequired());
        } catch (IllegalArgumentException refused) {
          problems.add("application " + app.appId() + " was not restored: " + refused.getMessage());
          continue;
        }
      }
      for (StoreRecord.ExecutorRegistered e : app.executors()) {
        try {
          server.registerExecutor(
              new RegisteredExecutor(e.appId(), e.executorId(), e.localDirs(), e.subDirsPerDir()));
          executors++;
        } catch (IllegalArgumentException refused) {
          problems.add(
              "executor "
                  + e.executorId()
                  + " of application "
                  + e.appId()
                  + " was not restored: "
                  + refused.getMessage());
        }
      }
    }
    LOG.log(
        Level.INFO,
        "Recovered {0} applications and {1} executors for {2}",
        apps.size(),
        executors,
        SERVICE_NAME);
    return problems;
  }

  /** Starts the server; a failure names the configured port. */
  private int startServer() throws IOException {
    try {
      return server.start();
    } catch (IOException e) {
      throw new IOException(
          SERVICE_NAME
              + " cannot listen on port "
              + serverConfig.port()
              + " ("
              + ShuffleServiceKeys.PORT.name()
              + "): "
              + e,
          e);
    }
  }

  private static RecoveryStore openStore(Path dir) throws IOException {
    try {
      return RecoveryStore.open(dir, COMPACT_EVERY);
    } catch (IOException e) {
      throw new IOException("Cannot open the shuffle recovery store in " + dir + ": " + e, e);
    }
  }

  /** The local directory of the recovery path the NodeManager set. */
  private Path recoveryDir() throws IOException {
    org.apache.hadoop.fs.Path path = getRecoveryPath();
    if (path == null) {
      throw new IllegalStateException(
          YarnConfiguration.NM_RECOVERY_ENABLED
              + " is true but the NodeManager set no"
              + " recovery path for "
              + SERVICE_NAME);
    }
    URI uri = path.toUri();
    if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
      throw new IOException(
          "Expected a local recovery path for " + SERVICE_NAME + ", found " + path);
    }
    return Path.of(uri.getPath());
  }

  private ShuffleServer runningServer() {
    ShuffleServer s = server;
    if (s == null || metaData == null) {
      throw new IllegalStateException(SERVICE_NAME + " is not started");
    }
    return s;
  }

  /** The bytes of the application's service data, of a length a secret may have. */
  private static byte[] serviceData(String appId, ByteBuffer data) {
    int length = data == null ? 0 : data.remaining();
    if (length < MIN_SECRET_BYTES || length > MAX_SECRET_BYTES + SERVICE_DATA_HEADER_BYTES) {
      throw new IllegalArgumentException(
          "Application "
              + appId
              + " gave "
              + SERVICE_NAME
              + " a secret of "
              + length
              + " bytes, expected "
              + MIN_SECRET_BYTES
              + " to "
              + MAX_SECRET_BYTES);
    }
    byte[] bytes = new byte[length];
    data.duplicate().get(bytes);
    return bytes;
  }

  /**
   * The secret and security flags in an application's service data ({@link ShuffleServiceData}), as
   * given at registration or kept in the recovery store.
   *
   * @throws IllegalArgumentException when the secret is too short or long, or the flags unknown
   */
  static ShuffleServiceData registrationOf(String appId, byte[] data) {
    ShuffleServiceData registration;
    try {
      registration = ShuffleServiceData.decode(data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Application " + appId + " gave " + SERVICE_NAME + " bad data: " + e.getMessage(), e);
    }
    int length = registration.secret().length;
    if (length < MIN_SECRET_BYTES || length > MAX_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "Application "
              + appId
              + " gave "
              + SERVICE_NAME
              + " a secret of "
              + length
              + " bytes, expected "
              + MIN_SECRET_BYTES
              + " to "
              + MAX_SECRET_BYTES);
    }
    return registration;
  }

  /** Stops the server, unregisters the metrics and closes the store; each even if another fails. */
  private void release() throws IOException {
    RuntimeException runtimeFailure = null;
    metaData = null;
    String sourceName = metricsSourceName;
    metricsSourceName = null;
    if (sourceName != null) {
      try {
        DefaultMetricsSystem.instance().unregisterSource(sourceName);
      } catch (RuntimeException e) {
        runtimeFailure = e;
      }
    }
    ShuffleServer s = server;
    server = null;
    if (s != null) {
      try {
        s.close();
      } catch (RuntimeException e) {
        runtimeFailure = combine(runtimeFailure, e);
      }
    }
    RecoveryStore st = store;
    store = null;
    if (st != null) {
      try {
        st.close();
      } catch (IOException e) {
        if (runtimeFailure != null) {
          e.addSuppressed(runtimeFailure);
        }
        throw e;
      }
    }
    if (runtimeFailure != null) {
      throw runtimeFailure;
    }
  }

  /** Releases after a failed start; a second failure is attached to the first, not lost. */
  private void releaseQuietly(Throwable cause) {
    try {
      release();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  private static RuntimeException combine(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
