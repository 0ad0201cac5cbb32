package dev.weft.shuffle.yarn;

import static dev.weft.shuffle.yarn.ServiceFixture.appId;
import static dev.weft.shuffle.yarn.ServiceFixture.conf;
import static dev.weft.shuffle.yarn.ServiceFixture.eventually;
import static dev.weft.shuffle.yarn.ServiceFixture.initContext;
import static dev.weft.shuffle.yarn.ServiceFixture.secret;
import static dev.weft.shuffle.yarn.ServiceFixture.shuffleThreads;
import static dev.weft.shuffle.yarn.ServiceFixture.stopContext;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.MessageLite;
import dev.weft.shuffle.config.ShuffleServiceKeys;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.protocol.proto.Ack;
import dev.weft.shuffle.protocol.proto.AuthOk;
import dev.weft.shuffle.protocol.proto.Error;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.hadoop.service.Service;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.server.api.ApplicationInitializationContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The aux service's lifecycle inside a NodeManager, driven by hand without a cluster. */
public class WeftShuffleServiceTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final List<WeftShuffleService> services = new ArrayList<>();
  private File nmLocalDir;

  @Before
  public void setUp() throws IOException {
    nmLocalDir = tmp.newFolder("nm-local");
  }

  @After
  public void tearDown() {
    ServiceFixture.stopAll(services);
  }

  @Test
  public void withPortZeroTheMetaDataIsTheBoundPortAsFourBigEndianBytes() throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));

    ByteBuffer metaData = service.getMetaData();
    assertEquals(4, metaData.remaining());
    int port = metaData.getInt();
    assertTrue("expected a bound port, found " + port, port > 0);
    assertEquals(port, ShuffleServiceMetaData.decodePort(service.getMetaData()));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("localhost", port), 5_000);
    }
  }

  @Test
  public void aPortInUseFailsStartLoudlyAndLeavesNothingRunning() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Configuration conf = conf(nmLocalDir);
      conf.set(ShuffleServiceKeys.PORT.name(), Integer.toString(taken.getLocalPort()));
      WeftShuffleService service = ServiceFixture.initialized(conf, null);
      services.add(service);

      RuntimeException e = assertThrows(RuntimeException.class, service::start);

      assertTrue(e.getMessage(), e.getMessage().contains(Integer.toString(taken.getLocalPort())));
      assertEquals(Service.STATE.STOPPED, service.getServiceState());
      assertThrows(IllegalStateException.class, service::getMetaData);
      assertTrue(
          "threads left: " + shuffleThreads(),
          eventually(Duration.ofSeconds(10), () -> shuffleThreads().isEmpty()));
      assertNull(DefaultMetricsSystem.instance().getSource(ShuffleServiceMetricsSource.NAME));
    }
  }

  @Test
  public void anApplicationAuthenticatesWithTheSecretFromItsServiceData() throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));
    ApplicationId app = appId(1);

    service.initializeApplication(initContext(app, secret("one")));

    assertAuthenticates(service, app, secret("one"));
    assertRefused(service, app, secret("wrong"));
  }

  @Test
  public void initializingAnApplicationAgainWithTheSameSecretChangesNothing() throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));
    ApplicationId app = appId(1);

    service.initializeApplication(initContext(app, secret("one")));
    service.initializeApplication(initContext(app, secret("one")));

    assertAuthenticates(service, app, secret("one"));
    assertEquals(1, service.server().metrics().snapshot().registeredApplications());
  }

  @Test
  public void aMissingOrShortSecretIsRefusedNamingTheApplication() {
    WeftShuffleService service = start(conf(nmLocalDir));
    ApplicationId app = appId(7);

    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> service.initializeApplication(initContext(app, null)));
    IllegalArgumentException shortSecret =
        assertThrows(
            IllegalArgumentException.class,
            () -> service.initializeApplication(initContext(app, new byte[8])));

    assertTrue(missing.getMessage(), missing.getMessage().contains(app.toString()));
    assertTrue(shortSecret.getMessage(), shortSecret.getMessage().contains("8 bytes"));
  }

  @Test
  public void stopApplicationForgetsItsSecretAndDeletesItsShuffleFiles() throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));
    ApplicationId app = appId(1);
    service.initializeApplication(initContext(app, secret("one")));
    File executorDir = new File(nmLocalDir, "usercache/alice/appcache/" + app + "/executor-1");
    LocalDirLayout layout = LocalDirLayout.of(List.of(executorDir));
    File data = createFile(layout.fileFor(ShuffleFileNames.dataFile(0, 3, 3)));
    File index = createFile(layout.fileFor(ShuffleFileNames.indexFile(0, 3, 3)));
    try (RawShuffleConnection c = RawShuffleConnection.open(port(service))) {
      assertTrue(c.authenticate(app.toString(), secret("one")) instanceof AuthOk);
      MessageLite reply =
          c.registerExecutor(
              app.toString(), "1", List.of(executorDir.getPath()), layout.subDirsPerRoot());
      assertTrue("expected an Ack, found " + reply, reply instanceof Ack);
    }

    service.stopApplication(stopContext(app));

    assertTrue(
        "shuffle files left: " + data + ", " + index,
        eventually(Duration.ofSeconds(10), () -> !data.exists() && !index.exists()));
    assertRefused(service, app, secret("one"));
  }

  @Test
  public void stoppingAnApplicationTheServiceNeverSawIsHarmless() {
    WeftShuffleService service = start(conf(nmLocalDir));

    service.stopApplication(stopContext(appId(42)));

    assertEquals(0, service.server().metrics().snapshot().registeredApplications());
  }

  @Test
  public void anExecutorDirOutsideTheNodeManagersLocalDirsIsRefused() throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));
    ApplicationId app = appId(1);
    service.initializeApplication(initContext(app, secret("one")));

    try (RawShuffleConnection c = RawShuffleConnection.open(port(service))) {
      c.authenticate(app.toString(), secret("one"));
      MessageLite reply =
          c.registerExecutor(
              app.toString(), "1", List.of(tmp.newFolder("elsewhere").getPath()), 64);

      assertTrue("expected an Error, found " + reply, reply instanceof Error);
    }
  }

  @Test
  public void anExecutorDirOfAnotherApplicationIsRefusedAndItsFilesSurviveTheStop()
      throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));
    ApplicationId appOfAlice = appId(1);
    ApplicationId appOfBob = appId(2);
    service.initializeApplication(initContext(appOfAlice, secret("one")));
    service.initializeApplication(
        new ApplicationInitializationContext("bob", appOfBob, ByteBuffer.wrap(secret("two"))));
    File dirOfAlice =
        new File(nmLocalDir, "usercache/alice/appcache/" + appOfAlice + "/weft-shuffle-1");
    LocalDirLayout layout = LocalDirLayout.of(List.of(dirOfAlice));
    File data = createFile(layout.fileFor(ShuffleFileNames.dataFile(0, 3, 3)));
    File bobsLink = new File(nmLocalDir, "usercache/bob/appcache/" + appOfBob + "/weft-shuffle-1");
    Files.createDirectories(bobsLink.getParentFile().toPath());
    Files.createSymbolicLink(bobsLink.toPath(), dirOfAlice.toPath());

    try (RawShuffleConnection c = RawShuffleConnection.open(port(service))) {
      assertTrue(c.authenticate(appOfBob.toString(), secret("two")) instanceof AuthOk);
      for (File dir : List.of(dirOfAlice, bobsLink)) {
        MessageLite reply =
            c.registerExecutor(
                appOfBob.toString(), "1", List.of(dir.getPath()), layout.subDirsPerRoot());
        assertTrue("expected an Error for " + dir + ", found " + reply, reply instanceof Error);
        String message = ((Error) reply).getMessage();
        assertTrue(message, message.contains(dir.getPath()));
        assertTrue(message, message.contains(appOfBob.toString()));
      }
    }
    service.stopApplication(stopContext(appOfBob));

    assertTrue(
        eventually(
            Duration.ofSeconds(10),
            () -> service.server().executors(appOfBob.toString()).isEmpty()));
    assertTrue(data.isFile());
  }

  @Test
  public void anotherApplicationOfTheSameUserMayNotRegisterTheFirstOnesDir() throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));
    ApplicationId first = appId(1);
    ApplicationId second = appId(2);
    service.initializeApplication(initContext(first, secret("one")));
    service.initializeApplication(initContext(second, secret("two")));
    File dirOfFirst = new File(nmLocalDir, "usercache/alice/appcache/" + first + "/executor-1");
    Files.createDirectories(dirOfFirst.toPath());

    try (RawShuffleConnection c = RawShuffleConnection.open(port(service))) {
      c.authenticate(second.toString(), secret("two"));
      MessageLite reply =
          c.registerExecutor(second.toString(), "1", List.of(dirOfFirst.getPath()), 8);

      assertTrue("expected an Error, found " + reply, reply instanceof Error);
      assertEquals(ErrorCode.INVALID_REQUEST, ((Error) reply).getCode());
    }
  }

  @Test
  public void anApplicationWithoutAUserIsRefused() {
    WeftShuffleService service = start(conf(nmLocalDir));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                service.initializeApplication(
                    new ApplicationInitializationContext(
                        "..", appId(3), ByteBuffer.wrap(secret("three")))));

    assertTrue(e.getMessage(), e.getMessage().contains(appId(3).toString()));
  }

  @Test
  public void stopReleasesThePortAndEveryThread() throws IOException {
    WeftShuffleService service = start(conf(nmLocalDir));
    int port = port(service);

    service.stop();

    assertTrue(
        "threads left: " + shuffleThreads(),
        eventually(Duration.ofSeconds(10), () -> shuffleThreads().isEmpty()));
    try (ServerSocket again = new ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress(port));
    }
  }

  @Test
  public void callsBeforeStartFailLoudly() {
    WeftShuffleService service = ServiceFixture.initialized(conf(nmLocalDir), null);
    services.add(service);

    assertThrows(IllegalStateException.class, service::getMetaData);
    assertThrows(
        IllegalStateException.class,
        () -> service.initializeApplication(initContext(appId(1), secret("one"))));
  }

  private WeftShuffleService start(Configuration conf) {
    WeftShuffleService service = ServiceFixture.initialized(conf, null);
    services.add(service);
    service.start();
    return service;
  }

  static int port(WeftShuffleService service) {
    return ShuffleServiceMetaData.decodePort(service.getMetaData());
  }

  static void assertAuthenticates(WeftShuffleService service, ApplicationId app, byte[] secret)
      throws IOException {
    try (RawShuffleConnection c = RawShuffleConnection.open(port(service))) {
      MessageLite reply = c.authenticate(app.toString(), secret);
      assertTrue("expected AuthOk, found " + reply, reply instanceof AuthOk);
    }
  }

  static void assertRefused(WeftShuffleService service, ApplicationId app, byte[] secret)
      throws IOException {
    try (RawShuffleConnection c = RawShuffleConnection.open(port(service))) {
      MessageLite reply = c.authenticate(app.toString(), secret);
      assertTrue("expected an Error, found " + reply, reply instanceof Error);
      ErrorCode code = ((Error) reply).getCode();
      assertTrue(
          "expected an authentication refusal, found " + code,
          code == ErrorCode.AUTHENTICATION_FAILED || code == ErrorCode.UNKNOWN_APPLICATION);
    }
  }

  private static File createFile(File f) throws IOException {
    Files.createDirectories(f.getParentFile().toPath());
    Files.write(f.toPath(), new byte[] {1, 2, 3});
    assertFalse(f.length() == 0);
    return f;
  }
}
