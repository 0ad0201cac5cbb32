package dev.weft.it.yarn;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.NMClient;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * An unmanaged ApplicationMaster run by the test itself: it registers an application with the
 * ResourceManager, asks for containers and launches Java programs of the test classpath in them, so
 * tests can place work on NodeManagers without an AM of their own.
 */
public final class UnmanagedAm implements Closeable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final YarnClient yarn;
  private final AMRMClient<AMRMClient.ContainerRequest> rm;
  private final NMClient nm;
  private final ApplicationId appId;
  private final List<Container> unused = new ArrayList<>();
  private final List<ContainerStatus> completed = new ArrayList<>();
  private boolean finished;

  private UnmanagedAm(
      YarnClient yarn,
      AMRMClient<AMRMClient.ContainerRequest> rm,
      NMClient nm,
      ApplicationId appId) {
    this.yarn = yarn;
    this.rm = rm;
    this.nm = nm;
    this.appId = appId;
  }

  /** Submits an unmanaged application and registers this test as its AM. */
  public static UnmanagedAm start(YarnConfiguration conf, String name) throws Exception {
    YarnClient yarn = YarnClient.createYarnClient();
    yarn.init(conf);
    yarn.start();
    ApplicationSubmissionContext app = yarn.createApplication().getApplicationSubmissionContext();
    app.setApplicationName(name);
    app.setUnmanagedAM(true);
    app.setQueue("default");
    app.setResource(Resource.newInstance(128, 1));
    app.setAMContainerSpec(ContainerLaunchContext.newInstance(null, null, null, null, null, null));
    yarn.submitApplication(app);
    ApplicationId appId = app.getApplicationId();
    ApplicationAttemptId attempt = awaitLaunched(yarn, appId);
    // Each AM talks to the RM as its own user holding only its own AMRM token: RPC connections are
    // cached per user, so a second application in the same JVM would reuse the first one's.
    UserGroupInformation amUser =
        UserGroupInformation.createRemoteUser(
            UserGroupInformation.getCurrentUser().getShortUserName());
    amUser.addToken(yarn.getAMRMToken(appId));
    AMRMClient<AMRMClient.ContainerRequest> rm =
        amUser.doAs(
            (PrivilegedExceptionAction<AMRMClient<AMRMClient.ContainerRequest>>)
                () -> {
                  AMRMClient<AMRMClient.ContainerRequest> c = AMRMClient.createAMRMClient();
                  c.init(conf);
                  c.start();
                  c.registerApplicationMaster("localhost", 0, "");
                  return c;
                });
    NMClient nm = NMClient.createNMClient();
    nm.init(conf);
    nm.start();
    return new UnmanagedAm(yarn, rm, nm, appId);
  }

  private static ApplicationAttemptId awaitLaunched(YarnClient yarn, ApplicationId appId)
      throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      ApplicationReport report = yarn.getApplicationReport(appId);
      ApplicationAttemptId attempt = report.getCurrentApplicationAttemptId();
      if (attempt != null
          && yarn.getApplicationAttemptReport(attempt).getYarnApplicationAttemptState()
              == YarnApplicationAttemptState.LAUNCHED) {
        return attempt;
      }
      Thread.sleep(50); // polling the RM with a deadline
    }
    throw new IllegalStateException("application " + appId + " did not launch within " + TIMEOUT);
  }

  public ApplicationId applicationId() {
    return appId;
  }

  /** Asks for one container of {@code memoryMb} and waits until it is granted. */
  public Container allocate(int memoryMb) throws Exception {
    rm.addContainerRequest(
        new AMRMClient.ContainerRequest(
            Resource.newInstance(memoryMb, 1), null, null, Priority.newInstance(1)));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (unused.isEmpty() && System.nanoTime() < deadline) {
      poll();
      Thread.sleep(50); // the allocate heartbeat
    }
    if (unused.isEmpty()) {
      throw new IllegalStateException("no container granted within " + TIMEOUT);
    }
    Container c = unused.remove(0);
    rm.removeContainerRequest(
        new AMRMClient.ContainerRequest(
            Resource.newInstance(memoryMb, 1), null, null, Priority.newInstance(1)));
    return c;
  }

  private void poll() throws IOException, YarnException {
    var response = rm.allocate(0.5f);
    unused.addAll(response.getAllocatedContainers());
    completed.addAll(response.getCompletedContainersStatuses());
  }

  /**
   * Runs {@code mainClass} of the test classpath with {@code args} in {@code container}.
   *
   * @param serviceData data for auxiliary services by name (the shuffle secret)
   * @return what the auxiliary services answered (their metadata, e.g. the shuffle port)
   */
  public Map<String, ByteBuffer> launch(
      Container container,
      Class<?> mainClass,
      List<String> args,
      Map<String, ByteBuffer> serviceData)
      throws Exception {
    String java = System.getProperty("java.home") + "/bin/java";
    String command =
        java
            + " -Xmx96m "
            + mainClass.getName()
            + " "
            + String.join(" ", args)
            + " 1><LOG_DIR>/stdout 2><LOG_DIR>/stderr";
    ContainerLaunchContext ctx =
        ContainerLaunchContext.newInstance(
            Map.of(),
            Map.of("CLASSPATH", absoluteClasspath()),
            List.of(command),
            serviceData,
            null,
            null);
    return nm.startContainer(container, ctx);
  }

  /** The test JVM's classpath with every entry made absolute (containers run elsewhere). */
  private static String absoluteClasspath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(p -> new File(p).getAbsolutePath())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Waits until {@code id} completes; returns its exit status. */
  public int awaitCompletion(ContainerId id) throws Exception {
    return awaitCompletion(id, TIMEOUT);
  }

  /** Waits at most {@code timeout} until {@code id} completes; returns its exit status. */
  public int awaitCompletion(ContainerId id, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ContainerStatus s : completed) {
        if (s.getContainerId().equals(id)) {
          return s.getExitStatus();
        }
      }
      poll();
      Thread.sleep(50); // the allocate heartbeat
    }
    throw new IllegalStateException("container " + id + " did not complete within " + timeout);
  }

  /** Unregisters with SUCCEEDED and waits until the application is FINISHED. */
  public void finish() throws Exception {
    if (finished) {
      return;
    }
    finished = true;
    rm.unregisterApplicationMaster(FinalApplicationStatus.SUCCEEDED, "", "");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      YarnApplicationState state = yarn.getApplicationReport(appId).getYarnApplicationState();
      if (state == YarnApplicationState.FINISHED) {
        return;
      }
      Thread.sleep(50); // polling the RM with a deadline
    }
    throw new IllegalStateException("application " + appId + " did not finish");
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } catch (Exception e) {
      throw new IOException("Cannot finish " + appId, e);
    } finally {
      nm.stop();
      rm.stop();
      yarn.stop();
    }
  }
}
