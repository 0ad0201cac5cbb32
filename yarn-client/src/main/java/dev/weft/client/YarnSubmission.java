package dev.weft.client;

import dev.weft.core.config.ConfigType;
import dev.weft.core.config.CoreConfig;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.ClusterBackend;
import dev.weft.yarn.am.AmLaunch;
import dev.weft.yarn.am.LaunchSpec;
import dev.weft.yarn.am.YarnConfig;
import dev.weft.yarn.am.provision.ContainerSizing;
import dev.weft.yarn.am.security.DelegationTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.client.util.YarnClientUtils;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Submits one application to YARN: stages its files, builds the ApplicationMaster's container and
 * calls {@code submitApplication}. A failure on the way removes the staging directory.
 */
final class YarnSubmission {
  /** The YARN application type of Weft applications. */
  static final String APPLICATION_TYPE = "WEFT";

  /** The configuration archive's file name in the staging directory. */
  static final String CONF_ARCHIVE = LaunchSpec.CONF_DIR + ".zip";

  static final String CONTAINER_LOG4J2 = "log4j2-container.xml";

  /** The application as the user gave it. */
  record App(
      SubmitConf conf,
      String mainClass,
      List<String> args,
      AppClasspath classpath,
      List<String> jars,
      List<String> files,
      List<String> archives) {}

  /**
   * A submitted application, its staging directory, and the token that reads its status document
   * ({@link dev.weft.yarn.am.AmLaunch#statusToken}).
   */
  record Submitted(ApplicationId appId, StagingDir staging, String statusToken) {}

  private final Configuration clusterConf;
  private final ResourceManager rm;
  private final List<java.nio.file.Path> runtimeJars;
  private final java.nio.file.Path weftHome;
  private final boolean runtimeInPlace;

  /**
   * @param clusterConf the cluster's Hadoop configuration, shipped to containers as it is
   * @param runtimeJars Weft's runtime jars, shipped through the jar cache
   * @param weftHome the installation, for {@code conf/log4j2-container.xml}; null for none
   * @param runtimeInPlace whether containers use the runtime jars where they are on this machine
   *     (the embedded master, whose containers run here) instead of through the jar cache
   */
  YarnSubmission(
      Configuration clusterConf,
      ResourceManager rm,
      List<java.nio.file.Path> runtimeJars,
      java.nio.file.Path weftHome,
      boolean runtimeInPlace) {
    this.clusterConf = clusterConf;
    this.rm = rm;
    this.runtimeJars = List.copyOf(runtimeJars);
    this.weftHome = weftHome;
    this.runtimeInPlace = runtimeInPlace;
  }

  /** The staging root of {@code conf}: {@code weft.yarn.stagingDir} or ~/.weft/staging. */
  static Path stagingRoot(FileSystem fs, WeftConfig conf) {
    String dir = conf.get(YarnConfig.STAGING_DIR);
    return dir != null ? new Path(dir) : new Path(fs.getHomeDirectory(), ".weft/staging");
  }

  /** The jar cache of {@code conf}: {@code weft.yarn.jarCacheDir} or ~/.weft/cache. */
  static Path cacheRoot(FileSystem fs, WeftConfig conf) {
    String dir = conf.get(YarnConfig.JAR_CACHE_DIR);
    return dir != null ? new Path(dir) : new Path(fs.getHomeDirectory(), ".weft/cache");
  }

  Submitted submit(App app) throws SubmitException {
    WeftConfig conf = app.conf().config();
    YarnClientApplication yarnApp;
    try {
      yarnApp = rm.client().createApplication();
    } catch (IOException | YarnException e) {
      throw rm.failure("to create an application", e);
    }
    ApplicationSubmissionContext ctx = yarnApp.getApplicationSubmissionContext();
    ApplicationId appId = ctx.getApplicationId();
    Resource max = yarnApp.getNewApplicationResponse().getMaximumResourceCapability();
    checkFits(conf, max);
    StagingDir staging;
    FileSystem fs;
    try {
      fs = FileSystem.get(clusterConf);
      staging = StagingDir.of(fs, stagingRoot(fs, conf), appId.toString()).create();
    } catch (IOException e) {
      throw new SubmitException(
          "Cannot create the staging directory on "
              + clusterConf.get("fs.defaultFS")
              + ": "
              + YarnSubmit.describe(e));
    }
    try {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      // Classpath order: the application's jars, then Weft's runtime.
      List<LaunchSpec.Resource> resources = new ArrayList<>(userResources(app, staging));
      if (runtimeInPlace) {
        resources.addAll(RuntimeJars.inPlace(runtimeJars));
      } else {
        JarCache cache = new JarCache(fs, cacheRoot(fs, conf), new JarChecksums(checksumStore()));
        resources.addAll(cache.resources(runtimeJars));
      }
      LaunchSpec launch = stageConfArchive(app, staging, resources);
      String keytab = conf.get(YarnConfig.KEYTAB);
      LaunchSpec.Resource keytabResource =
          keytab == null || !UserGroupInformation.isSecurityEnabled()
              ? null
              : staging.uploadOwnerOnly(java.nio.file.Path.of(keytab), LaunchSpec.KEYTAB);
      AmContainer.Spec spec =
          new AmContainer.Spec(
              launch,
              conf.get(YarnConfig.DRIVER_MEMORY),
              conf.get(YarnConfig.DRIVER_MEMORY_OVERHEAD),
              conf.get(YarnConfig.DRIVER_CORES),
              conf.get(YarnConfig.DRIVER_JAVA_OPTIONS),
              secret,
              credentials(conf),
              keytabResource,
              ClusterBackend.shuffleEncryptionEnabled(conf));
      ctx.setApplicationName(
          app.conf().systemProperties(app.mainClass()).get(CoreConfig.APP_NAME.name()));
      ctx.setApplicationType(APPLICATION_TYPE);
      ctx.setQueue(conf.get(YarnConfig.QUEUE));
      applyAttempts(ctx, conf);
      String tags = conf.get(YarnConfig.TAGS);
      if (tags != null && !tags.isBlank()) {
        Set<String> set = new LinkedHashSet<>();
        for (String tag : tags.split(",")) {
          if (!tag.isBlank()) {
            set.add(tag.strip());
          }
        }
        ctx.setApplicationTags(set);
      }
      Integer priority = conf.get(YarnConfig.PRIORITY);
      if (priority != null) {
        ctx.setPriority(Priority.newInstance(priority));
      }
      ctx.setResource(AmContainer.resource(spec));
      ctx.setAMContainerSpec(AmContainer.context(spec));
      rm.client().submitApplication(ctx);
      return new Submitted(appId, staging, AmLaunch.statusToken(secret));
    } catch (SubmitException e) {
      deleteQuietly(staging);
      throw e;
    } catch (IOException | YarnException | RuntimeException e) {
      deleteQuietly(staging);
      if (ResourceManager.isUnreachable(e)) {
        throw rm.failure("to accept the application", e);
      }
      throw new SubmitException(
          "Cannot submit " + appId + ": " + YarnSubmit.describe(YarnSubmit.rootCause(e)), e);
    }
  }

  private static void checkFits(WeftConfig conf, Resource max) throws SubmitException {
    long heap = conf.get(YarnConfig.DRIVER_MEMORY);
    Long overhead = conf.get(YarnConfig.DRIVER_MEMORY_OVERHEAD);
    long am = AmContainer.containerMb(heap, overhead);
    if (am > max.getMemorySize()) {
      throw new SubmitException(
          "The ApplicationMaster needs a container of "
              + am
              + " MB (--driver-memory "
              + ConfigType.formatSize(heap)
              + " + weft.driver.memoryOverhead "
              + ConfigType.formatSize(AmContainer.overhead(heap, overhead))
              + "), but the largest container this cluster grants is "
              + max.getMemorySize()
              + " MB (yarn.scheduler.maximum-allocation-mb)");
    }
    String executors =
        ContainerSizing.of(conf)
            .exceedsLargestContainer(max.getMemorySize(), max.getVirtualCores());
    if (executors != null) {
      throw new SubmitException(executors);
    }
  }

  private List<LaunchSpec.Resource> userResources(App app, StagingDir staging)
      throws IOException, SubmitException {
    List<LaunchSpec.Resource> resources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (java.nio.file.Path jar : runtimeJars) {
      names.add(jar.getFileName().toString());
    }
    names.add(LaunchSpec.CONF_DIR);
    resources.add(
        staging.upload(
            app.classpath().appJar(), LaunchSpec.APP_JAR, LaunchSpec.APP_JAR, false, true));
    names.add(LaunchSpec.APP_JAR);
    for (String jar : app.jars()) {
      ShippedFile f = ShippedFile.parse("--jars", jar);
      resources.add(ship(f, staging, names, "--jars", false, true));
    }
    for (String file : app.files()) {
      resources.add(
          ship(ShippedFile.parse("--files", file), staging, names, "--files", false, false));
    }
    for (String archive : app.archives()) {
      resources.add(
          ship(
              ShippedFile.parse("--archives", archive), staging, names, "--archives", true, false));
    }
    return resources;
  }

  private LaunchSpec.Resource ship(
      ShippedFile f,
      StagingDir staging,
      Set<String> names,
      String option,
      boolean archive,
      boolean classpath)
      throws IOException, SubmitException {
    if (!names.add(f.linkName())) {
      throw new SubmitException(
          "Two files would be named '"
              + f.linkName()
              + "' in the containers ("
              + option
              + "); rename one with path#name");
    }
    if (f.remote() != null) {
      return StagingDir.remote(clusterConf, f.remote(), f.linkName(), archive);
    }
    return staging.upload(f.local(), f.linkName(), f.linkName(), archive, classpath);
  }

  /** Writes the configuration archive; returns the launch spec it holds (which lists it too). */
  private LaunchSpec stageConfArchive(
      App app, StagingDir staging, List<LaunchSpec.Resource> resources) throws IOException {
    ByteArrayOutputStream site = new ByteArrayOutputStream();
    clusterConf.writeXml(site);
    ConfArchive archive =
        new ConfArchive(app.conf().systemProperties(app.mainClass()), site.toByteArray(), log4j2());
    long mtime = System.currentTimeMillis() / 1000 * 1000;
    String uri = new Path(staging.path(), CONF_ARCHIVE).toUri().toString();
    LongFunction<LaunchSpec> specOfSize =
        size -> {
          List<LaunchSpec.Resource> all = new ArrayList<>();
          all.add(new LaunchSpec.Resource(LaunchSpec.CONF_DIR, uri, size, mtime, true, false));
          all.addAll(resources);
          return new LaunchSpec(
              app.mainClass(), app.args(), staging.path().toUri().toString(), all);
        };
    byte[] zip = archive.build(specOfSize, mtime);
    LaunchSpec.Resource written =
        staging.write(CONF_ARCHIVE, zip, mtime, LaunchSpec.CONF_DIR, true);
    LaunchSpec spec = specOfSize.apply(zip.length);
    if (!spec.resources().get(0).equals(written)) {
      throw new IOException(
          "The configuration archive on the cluster ("
              + written
              + ") is not the one its launch spec lists");
    }
    return spec;
  }

  private byte[] log4j2() throws IOException {
    if (weftHome != null) {
      java.nio.file.Path file = weftHome.resolve("conf").resolve(CONTAINER_LOG4J2);
      if (Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
    }
    try (InputStream in = YarnSubmission.class.getResourceAsStream(CONTAINER_LOG4J2)) {
      if (in == null) {
        throw new IllegalStateException(
            "Resource " + CONTAINER_LOG4J2 + " missing from yarn-client");
      }
      return in.readAllBytes();
    }
  }

  /**
   * The AM's credentials: the submitting user's, plus on a secure cluster a delegation token of the
   * default file system and of each of {@code weft.yarn.access.hadoopFileSystems}, renewable by the
   * ResourceManager (which renews them while the application runs, up to their maximum lifetime).
   * YARN's client adds the timeline service's token itself when the timeline service is enabled.
   */
  private Credentials credentials(WeftConfig conf) throws IOException, SubmitException {
    Credentials credentials =
        new Credentials(UserGroupInformation.getCurrentUser().getCredentials());
    if (UserGroupInformation.isSecurityEnabled()) {
      String renewer = YarnClientUtils.getRmPrincipal(clusterConf);
      if (renewer == null || renewer.isBlank()) {
        throw new SubmitException(
            "The cluster uses Kerberos but yarn.resourcemanager.principal is not set in its"
                + " configuration (HADOOP_CONF_DIR): it names the renewer of the job's delegation"
                + " tokens");
      }
      List<java.net.URI> fileSystems;
      try {
        fileSystems =
            DelegationTokens.fileSystems(clusterConf, conf.get(YarnConfig.ACCESS_FILE_SYSTEMS));
      } catch (IllegalArgumentException e) {
        throw new SubmitException(e.getMessage());
      }
      credentials.addAll(DelegationTokens.obtain(clusterConf, fileSystems, renewer));
    }
    return credentials;
  }

  private static java.nio.file.Path checksumStore() {
    String home = System.getProperty("user.home");
    return home == null ? null : java.nio.file.Path.of(home, ".weft", "jar-checksums.properties");
  }

  static void deleteQuietly(StagingDir staging) {
    try {
      staging.delete();
    } catch (IOException e) {
      // The application's failure is what the user needs to see.
    }
  }

  /**
   * The attempts YARN makes at the ApplicationMaster, and for how long a failed one counts ({@code
   * weft.yarn.am.attemptFailuresValidityInterval}; unset: always).
   */
  static void applyAttempts(ApplicationSubmissionContext ctx, WeftConfig conf) {
    ctx.setMaxAppAttempts(conf.get(YarnConfig.MAX_APP_ATTEMPTS));
    Duration validity = conf.get(YarnConfig.AM_ATTEMPT_FAILURES_VALIDITY_INTERVAL);
    if (validity != null) {
      ctx.setAttemptFailuresValidityInterval(validity.toMillis());
    }
  }
}
