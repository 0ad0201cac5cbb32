package dev.weft.shuffle.yarn;

import static dev.weft.shuffle.yarn.ServiceFixture.appId;
import static dev.weft.shuffle.yarn.ServiceFixture.initContext;
import static dev.weft.shuffle.yarn.ServiceFixture.recoveryConf;
import static dev.weft.shuffle.yarn.ServiceFixture.secret;
import static dev.weft.shuffle.yarn.ServiceFixture.shuffleThreads;
import static dev.weft.shuffle.yarn.ServiceFixture.stopContext;
import static dev.weft.shuffle.yarn.WeftShuffleServiceTest.assertAuthenticates;
import static dev.weft.shuffle.yarn.WeftShuffleServiceTest.assertRefused;
import static dev.weft.shuffle.yarn.WeftShuffleServiceTest.port;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.MessageLite;
import dev.weft.auth.ShuffleServiceData;
import dev.weft.shuffle.client.BlockFetchException;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleClientConfig;
import dev.weft.shuffle.protocol.proto.Ack;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.server.RegisteredExecutor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.service.Service;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** NodeManager restarts: what the service keeps under its recovery path and how it copes. */
public class WeftShuffleServiceRecoveryTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final List<WeftShuffleService> services = new ArrayList<>();
  private File nmLocalDir;
  private File recoveryDir;
  private Configuration conf;

  @Before
  public void setUp() throws IOException {
    nmLocalDir = tmp.newFolder("nm-local");
    recoveryDir = new File(tmp.getRoot(), "nm-recovery/weft_shuffle");
    conf = recoveryConf(nmLocalDir);
  }

  @After
  public void tearDown() {
    ServiceFixture.stopAll(services);
  }

  @Test
  public void aRestartWithTheSameRecoveryPathKeepsSecretsAndExecutors() throws IOException {
    ApplicationId running = appId(1);
    ApplicationId finished = appId(2);
    String executorDir =
        new File(nmLocalDir, "usercache/alice/appcache/" + running + "/exec-1").getPath();
    Files.createDirectories(Path.of(executorDir));
    WeftShuffleService before = start();
    before.initializeApplication(initContext(running, secret("running")));
    before.initializeApplication(initContext(finished, secret("finished")));
    try (RawShuffleConnection c = RawShuffleConnection.open(port(before))) {
      c.authenticate(running.toString(), secret("running"));
      MessageLite reply = c.registerExecutor(running.toString(), "exec-1", List.of(executorDir), 8);
      assertTrue("expected an Ack, found " + reply, reply instanceof Ack);
    }
    before.stopApplication(stopContext(finished));
    before.stop();

    WeftShuffleService after = start();

    assertAuthenticates(after, running, secret("running"));
    assertRefused(after, running, secret("other"));
    assertRefused(after, finished, secret("finished"));
    assertEquals(
        List.of(new RegisteredExecutor(running.toString(), "exec-1", List.of(executorDir), 8)),
        after.server().executors(running.toString()));
    assertFalse(after.recoveryReport().damaged());
    assertEquals(1, after.recoveryReport().applications());
    // The recovered application is still confined to its own dirs.
    File otherAppDir = new File(nmLocalDir, "usercache/alice/appcache/" + appId(9) + "/exec-1");
    Files.createDirectories(otherAppDir.toPath());
    try (RawShuffleConnection c = RawShuffleConnection.open(port(after))) {
      c.authenticate(running.toString(), secret("running"));
      MessageLite reply =
          c.registerExecutor(running.toString(), "exec-2", List.of(otherAppDir.getPath()), 8);
      assertTrue(
          "expected an Error, found " + reply,
          reply instanceof dev.weft.shuffle.protocol.proto.Error);
    }
  }

  @Test
  public void anApplicationRequiringEncryptionStillRequiresItAfterARestart() throws Exception {
    ApplicationId app = appId(3);
    WeftShuffleService before = start();
    before.initializeApplication(
        initContext(app, new ShuffleServiceData(secret("encrypted"), true).encode()));
    assertPlaintextRefused(before, app);
    before.stop();

    WeftShuffleService after = start();

    assertPlaintextRefused(after, app);
    // An encrypting client of the right secret authenticates and is answered over the cipher.
    try (ShuffleClient client =
        new ShuffleClient(
            ShuffleClientConfig.builder(app.toString(), secret("encrypted"))
                .maxRetries(0)
                .encrypt(true)
                .build())) {
      BlockFetchException answer =
          assertThrows(
              BlockFetchException.class,
              () -> {
                try {
                  client.fetch("localhost", port(after), "exec-1", 0, 0, 0, 0).get();
                } catch (ExecutionException e) {
                  throw e.getCause();
                }
              });
      assertEquals(answer.getMessage(), ErrorCode.UNKNOWN_EXECUTOR, answer.code());
    }
  }

  private static void assertPlaintextRefused(WeftShuffleService service, ApplicationId app)
      throws IOException {
    try (RawShuffleConnection c = RawShuffleConnection.open(port(service))) {
      MessageLite reply = c.authenticate(app.toString(), secret("encrypted"));
      assertTrue(
          "expected an Error, found " + reply,
          reply instanceof dev.weft.shuffle.protocol.proto.Error e
              && e.getCode() == ErrorCode.ENCRYPTION_REQUIRED);
    }
  }

  @Test
  public void withRecoveryOffNothingIsKept() throws IOException {
    conf.set(YarnConfiguration.NM_RECOVERY_ENABLED, "false");
    WeftShuffleService before = start();
    before.initializeApplication(initContext(appId(1), secret("one")));
    before.stop();

    WeftShuffleService after = start();

    assertRefused(after, appId(1), secret("one"));
    assertNull(after.recoveryReport());
    assertFalse(recoveryDir.exists());
  }

  @Test
  public void aGarbageStoreIsReportedAndNewApplicationsStillWork() throws IOException {
    Files.createDirectories(recoveryDir.toPath());
    byte[] garbage = "this is not a recovery store".getBytes(StandardCharsets.UTF_8);
    Files.write(new File(recoveryDir, RecoveryStore.SNAPSHOT).toPath(), garbage);
    Files.write(new File(recoveryDir, RecoveryStore.LOG).toPath(), garbage);

    WeftShuffleService service = start();

    RecoveryReport report = service.recoveryReport();
    assertTrue(report.damaged());
    assertTrue(report.problems().toString(), mentions(report, RecoveryStore.SNAPSHOT));
    assertTrue(report.problems().toString(), mentions(report, RecoveryStore.LOG));
    assertEquals(report.problems().size(), service.recoveryProblems());
    assertTrue(
        new File(recoveryDir, RecoveryStore.SNAPSHOT + RecoveryStore.CORRUPT_SUFFIX).isFile());
    service.initializeApplication(initContext(appId(3), secret("new")));
    assertAuthenticates(service, appId(3), secret("new"));
  }

  @Test
  public void aStoreWithOneDamagedRecordNamesTheApplicationItDropped() throws IOException {
    WeftShuffleService before = start();
    before.initializeApplication(initContext(appId(1), secret("kept")));
    before.initializeApplication(initContext(appId(2), secret("lost")));
    before.stop();
    RecoveryStoreTest.damageFirstRecordMentioning(recoveryDir.toPath(), appId(2).toString());

    WeftShuffleService after = start();

    assertAuthenticates(after, appId(1), secret("kept"));
    assertRefused(after, appId(2), secret("lost"));
    String problems = after.recoveryReport().problems().toString();
    assertTrue(problems, problems.contains("registration of application " + appId(2)));
  }

  @Test
  public void anUncreatableRecoveryDirFailsStartAndLeavesNothingRunning() throws IOException {
    File notADir = tmp.newFile("a-file");
    recoveryDir = new File(notADir, "weft_shuffle");
    WeftShuffleService service = ServiceFixture.initialized(conf, recoveryDir);
    services.add(service);

    RuntimeException e = assertThrows(RuntimeException.class, service::start);

    assertTrue(e.getMessage(), e.getMessage().contains(recoveryDir.getPath()));
    assertEquals(Service.STATE.STOPPED, service.getServiceState());
    assertTrue(
        "threads left: " + shuffleThreads(),
        ServiceFixture.eventually(Duration.ofSeconds(10), () -> shuffleThreads().isEmpty()));
  }

  @Test
  public void anUnreadableStoreFileFailsStart() throws IOException {
    Files.createDirectories(new File(recoveryDir, RecoveryStore.SNAPSHOT).toPath());
    WeftShuffleService service = ServiceFixture.initialized(conf, recoveryDir);
    services.add(service);

    RuntimeException e = assertThrows(RuntimeException.class, service::start);

    assertTrue(e.getMessage(), e.getMessage().contains(recoveryDir.getPath()));
    assertEquals(Service.STATE.STOPPED, service.getServiceState());
  }

  @Test
  public void recoveryOnWithoutARecoveryPathFailsStart() {
    WeftShuffleService service = ServiceFixture.initialized(conf, null);
    services.add(service);

    RuntimeException e = assertThrows(RuntimeException.class, service::start);

    assertTrue(e.getMessage(), e.getMessage().contains("recovery path"));
  }

  private WeftShuffleService start() {
    WeftShuffleService service = ServiceFixture.started(conf, recoveryDir);
    services.add(service);
    return service;
  }

  private static boolean mentions(RecoveryReport report, String fileName) {
    return report.problems().stream().anyMatch(p -> p.contains(fileName));
  }
}
