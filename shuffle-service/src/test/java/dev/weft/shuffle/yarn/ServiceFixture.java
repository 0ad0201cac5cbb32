package dev.weft.shuffle.yarn;

import dev.weft.shuffle.config.ShuffleServiceKeys;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.service.Service;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.api.ApplicationInitializationContext;
import org.apache.hadoop.yarn.server.api.ApplicationTerminationContext;

/** Builds services, configurations and NodeManager contexts for the tests of this package. */
final class ServiceFixture {
  static final long CLUSTER_TIMESTAMP = 1_700_000_000_000L;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

  private ServiceFixture() {}

  /** A NodeManager configuration: port 0, the given local dirs, recovery off. */
  static Configuration conf(File nmLocalDir) {
    Configuration conf = new Configuration(false);
    conf.set(ShuffleServiceKeys.PORT.name(), "0");
    conf.set(YarnConfiguration.NM_LOCAL_DIRS, nmLocalDir.getAbsolutePath());
    return conf;
  }

  /** {@link #conf} with recovery on. */
  static Configuration recoveryConf(File nmLocalDir) {
    Configuration conf = conf(nmLocalDir);
    conf.set(YarnConfiguration.NM_RECOVERY_ENABLED, "true");
    return conf;
  }

  /** A service initialized with {@code conf}, its recovery path set to {@code recoveryDir}. */
  static WeftShuffleService initialized(Configuration conf, File recoveryDir) {
    WeftShuffleService service = new WeftShuffleService();
    if (recoveryDir != null) {
      service.setRecoveryPath(new Path(recoveryDir.toURI()));
    }
    service.init(conf);
    return service;
  }

  /** A started service. */
  static WeftShuffleService started(Configuration conf, File recoveryDir) {
    WeftShuffleService service = initialized(conf, recoveryDir);
    service.start();
    return service;
  }

  static void stopAll(List<WeftShuffleService> services) {
    for (WeftShuffleService s : services) {
      if (s.getServiceState() != Service.STATE.STOPPED) {
        s.stop();
      }
    }
  }

  static ApplicationId appId(int id) {
    return ApplicationId.newInstance(CLUSTER_TIMESTAMP, id);
  }

  /** A 32-byte secret that differs per {@code seed}. */
  static byte[] secret(String seed) {
    byte[] s = new byte[32];
    byte[] b = seed.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (b[i % b.length] + i);
    }
    return s;
  }

  static ApplicationInitializationContext initContext(ApplicationId app, byte[] secret) {
    return new ApplicationInitializationContext(
        "alice", app, secret == null ? null : ByteBuffer.wrap(secret));
  }

  static ApplicationTerminationContext stopContext(ApplicationId app) {
    return new ApplicationTerminationContext(app);
  }

  /** Names of live threads that the shuffle server starts. */
  static List<String> shuffleThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("weft-shuffle")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes; returns its last value. */
  static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
    return true;
  }
}
