package dev.weft.yarn.am;

import dev.weft.core.config.ConfigDeclarations;
import dev.weft.core.config.ConfigKey;
import java.time.Duration;

/**
 * Keys of applications on YARN: the ApplicationMaster (driver), executor containers, and submission
 * ({@code weft.yarn.*}, {@code weft.driver.*}, {@code weft.executor.instances}).
 */
public final class YarnConfig implements ConfigDeclarations {

  public static final ConfigKey<Integer> EXECUTOR_INSTANCES =
      ConfigKey.integer("weft.executor.instances")
          .defaultValue("2")
          .doc(
              "Executors to run on YARN (yarn-submit --num-executors). With dynamic allocation,"
                  + " when set, the initial executor count unless"
                  + " weft.dynamicAllocation.initialExecutors is set.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Long> EXECUTOR_MEMORY_OVERHEAD =
      ConfigKey.size("weft.executor.memoryOverhead")
          .doc(
              "Memory of an executor's container beyond its heap: thread stacks, metaspace, direct"
                  + " buffers of the network. Unset means 10% of weft.executor.memory, at least"
                  + " 384m. YARN kills a container that exceeds heap + overhead.")
          .check(n -> n >= 16 << 20, "at least 16m")
          .build();

  public static final ConfigKey<String> EXECUTOR_JAVA_OPTIONS =
      ConfigKey.string("weft.executor.extraJavaOptions")
          .doc(
              "More JVM options for executors, e.g. -XX:+UseG1GC (not -Xmx: see weft.executor.memory).")
          .build();

  public static final ConfigKey<Long> DRIVER_MEMORY =
      ConfigKey.size("weft.driver.memory")
          .defaultValue("1g")
          .doc(
              "Heap of the driver: on YARN the ApplicationMaster's (yarn-submit --driver-memory);"
                  + " locally, bin/yarn-submit passes --driver-memory as the launcher's -Xmx.")
          .check(n -> n >= 32 << 20, "at least 32m")
          .build();

  public static final ConfigKey<Long> DRIVER_MEMORY_OVERHEAD =
      ConfigKey.size("weft.driver.memoryOverhead")
          .doc(
              "Memory of the ApplicationMaster's container beyond its heap. Unset means 10% of"
                  + " weft.driver.memory, at least 384m.")
          .check(n -> n >= 16 << 20, "at least 16m")
          .build();

  public static final ConfigKey<Integer> DRIVER_CORES =
      ConfigKey.integer("weft.driver.cores")
          .defaultValue("1")
          .doc("Virtual cores of the ApplicationMaster's container.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<String> DRIVER_JAVA_OPTIONS =
      ConfigKey.string("weft.driver.extraJavaOptions")
          .doc("More JVM options for the ApplicationMaster (not -Xmx: see weft.driver.memory).")
          .build();

  public static final ConfigKey<String> QUEUE =
      ConfigKey.string("weft.yarn.queue")
          .defaultValue("default")
          .doc("The YARN queue to submit to (yarn-submit --queue).")
          .build();

  public static final ConfigKey<String> TAGS =
      ConfigKey.string("weft.yarn.tags")
          .doc("Comma-separated YARN application tags (yarn-submit --tags).")
          .build();

  public static final ConfigKey<Integer> PRIORITY =
      ConfigKey.integer("weft.yarn.priority")
          .doc(
              "The application's YARN priority (yarn-submit --priority); unset: the queue's default.")
          .check(n -> n >= 0, "0 or more")
          .build();

  public static final ConfigKey<Integer> MAX_APP_ATTEMPTS =
      ConfigKey.integer("weft.yarn.maxAppAttempts")
          .defaultValue("1")
          .doc(
              "Attempts YARN makes at the ApplicationMaster (yarn-submit --max-app-attempts),"
                  + " capped by the cluster's yarn.resourcemanager.am.max-attempts.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<String> STAGING_DIR =
      ConfigKey.string("weft.yarn.stagingDir")
          .doc(
              "Where yarn-submit uploads each application's jar and files, in a directory per"
                  + " application that is removed when it ends. Unset: .weft/staging in the user's"
                  + " home directory on the cluster's default file system.")
          .build();

  public static final ConfigKey<String> JAR_CACHE_DIR =
      ConfigKey.string("weft.yarn.jarCacheDir")
          .doc(
              "Where yarn-submit keeps Weft's runtime jars, uploaded once under their checksum and"
                  + " reused by later submissions. Unset: .weft/cache in the user's home directory"
                  + " on the cluster's default file system.")
          .build();

  public static final ConfigKey<Duration> REPORT_INTERVAL =
      ConfigKey.duration("weft.yarn.report.interval")
          .defaultValue("1s")
          .doc("How often yarn-submit asks for the application's state and progress.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> EXECUTOR_REGISTRATION_TIMEOUT =
      ConfigKey.duration("weft.yarn.executor.registrationTimeout")
          .defaultValue("120s")
          .doc(
              "How long a started executor container may take to register with the driver before"
                  + " it is released and counted as failed.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> EXECUTOR_ALLOCATION_TIMEOUT =
      ConfigKey.duration("weft.yarn.executorAllocationTimeout")
          .defaultValue("5min")
          .doc(
              "How long the application may be without any executor while its container requests"
                  + " go unanswered: when YARN grants no executor container for this long (the"
                  + " queue is at its capacity, or no node has room for one executor) the"
                  + " application fails with a message that says so, instead of waiting forever."
                  + " 0 waits forever.")
          .check(d -> !d.isNegative(), "0 or a positive duration")
          .build();

  public static final ConfigKey<Duration> EXECUTOR_FAILURES_VALIDITY_INTERVAL =
      ConfigKey.duration("weft.yarn.executorFailuresValidityInterval")
          .doc(
              "Executor failures older than this stop counting towards"
                  + " weft.yarn.maxExecutorFailures (Spark's"
                  + " spark.executor.failuresValidityInterval). Unset: failures never expire.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Duration> AM_ATTEMPT_FAILURES_VALIDITY_INTERVAL =
      ConfigKey.duration("weft.yarn.am.attemptFailuresValidityInterval")
          .doc(
              "ApplicationMaster attempts that failed longer ago than this stop counting towards"
                  + " weft.yarn.maxAppAttempts (YARN's attempt failures validity interval, Spark's"
                  + " spark.yarn.am.attemptFailuresValidityInterval). Unset: they never expire.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Integer> MAX_EXECUTOR_FAILURES =
      ConfigKey.integer("weft.yarn.maxExecutorFailures")
          .doc(
              "Executor failures (containers that ended through the application's fault) after"
                  + " which the application fails. Unset: twice the most executors asked for at"
                  + " once (weft.executor.instances, or dynamic allocation's highest target), at"
                  + " least 3.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Integer> NODE_EXCLUSION_MAX_FAILURES =
      ConfigKey.integer("weft.yarn.nodeExclusion.maxFailures")
          .defaultValue("2")
          .doc(
              "Executor failures on one node after which no more containers are asked there"
                  + " for weft.yarn.nodeExclusion.timeout.")
          .check(n -> n >= 1, "a positive integer")
          .build();

  public static final ConfigKey<Duration> NODE_EXCLUSION_TIMEOUT =
      ConfigKey.duration("weft.yarn.nodeExclusion.timeout")
          .defaultValue("30m")
          .doc("How long a node stays excluded after too many executor failures on it.")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();

  public static final ConfigKey<Integer> UI_PORT =
      ConfigKey.integer("weft.ui.port")
          .defaultValue("0")
          .doc(
              "Port of the driver's web UI (the application's YARN tracking URL); 0 picks a free"
                  + " port.")
          .check(n -> n >= 0 && n <= 65535, "a port number 0-65535")
          .build();

  public static final ConfigKey<String> PRINCIPAL =
      ConfigKey.string("weft.yarn.principal")
          .doc(
              "Kerberos principal to log in as on a secure cluster (yarn-submit --principal), with"
                  + " weft.yarn.keytab. The ApplicationMaster then logs in from the keytab too and"
                  + " obtains fresh delegation tokens before the old ones expire, so a job may run"
                  + " longer than the tokens' maximum lifetime. Unset: the ticket cache (kinit) of"
                  + " the submitting user.")
          .build();

  public static final ConfigKey<String> KEYTAB =
      ConfigKey.string("weft.yarn.keytab")
          .doc(
              "Local path of the keytab of weft.yarn.principal (yarn-submit --keytab). It is"
                  + " uploaded into the application's staging directory, readable by its owner"
                  + " only, localized for the ApplicationMaster alone, and removed with the"
                  + " staging directory.")
          .build();

  public static final ConfigKey<String> PROXY_USER =
      ConfigKey.string("weft.yarn.proxyUser")
          .doc(
              "The user to run the application as, impersonated by the logged-in user (yarn-submit"
                  + " --proxy-user); the cluster must allow it (hadoop.proxyuser.<user>.hosts and"
                  + " .groups or .users).")
          .build();

  public static final ConfigKey<String> ACCESS_FILE_SYSTEMS =
      ConfigKey.string("weft.yarn.access.hadoopFileSystems")
          .doc(
              "Comma-separated file systems besides the default one that the job reads or writes on"
                  + " a secure cluster, e.g. hdfs://nn2.example.com:8020,hdfs://ns1,viewfs://cluster:"
                  + " delegation tokens are obtained for each of them.")
          .build();

  public static final ConfigKey<Double> TOKEN_RENEWAL_RATIO =
      ConfigKey.decimal("weft.yarn.tokenRenewalRatio")
          .defaultValue("0.75")
          .doc(
              "With a keytab, the share of the delegation tokens' remaining lifetime after which"
                  + " the ApplicationMaster obtains new ones and sends them to the executors.")
          .check(r -> r > 0 && r < 1, "a ratio between 0 and 1 (exclusive)")
          .build();

  public static final ConfigKey<Duration> TOKEN_RETRY_WAIT =
      ConfigKey.duration("weft.yarn.tokenRetryWait")
          .defaultValue("1min")
          .doc(
              "With a keytab, how long the ApplicationMaster waits before it tries again when"
                  + " obtaining delegation tokens failed (at most a tenth of the current tokens'"
                  + " remaining lifetime).")
          .check(d -> !d.isNegative() && !d.isZero(), "a positive duration")
          .build();
}
