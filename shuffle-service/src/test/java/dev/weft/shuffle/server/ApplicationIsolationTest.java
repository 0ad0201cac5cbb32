package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.SECRET_B;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleException;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * An application confined to its own dirs can neither register, read nor delete another
 * application's shuffle files, even through symbolic links.
 */
public class ApplicationIsolationTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private File dirOfA;
  private File dirOfB;
  private LocalDirLayout executorOfB;

  @Before
  public void setUp() throws Exception {
    File nmLocal = tmp.newFolder("nm-local");
    dirOfA = new File(nmLocal, "usercache/alice/appcache/app-a");
    dirOfB = new File(nmLocal, "usercache/bob/appcache/app-b");
    Files.createDirectories(dirOfA.toPath());
    Files.createDirectories(dirOfB.toPath());
    // The server-wide check alone would let either app register anything under nm-local.
    fixture = new ShuffleFixture(ShuffleServerConfig.builder().allowedLocalDirs(List.of(nmLocal)));
    fixture.server.registerApplication("app-a", SECRET_A, List.of(dirOfA.toPath()));
    fixture.server.registerApplication("app-b", SECRET_B, List.of(dirOfB.toPath()));
    executorOfB = LocalDirLayout.of(List.of(new File(dirOfB, "weft-shuffle-1")));
    ShuffleFixture.writeMapOutput(executorOfB, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    await(
        client("app-b", SECRET_B).registerExecutor("localhost", fixture.port(), "1", executorOfB));
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void anApplicationRegisteringAnotherApplicationsDirIsRefused() throws Exception {
    ShuffleClient a = client("app-a", SECRET_A);

    ShuffleException e =
        failure(
            ShuffleException.class,
            a.registerExecutor("localhost", fixture.port(), "1", executorOfB));

    assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(executorOfB.roots().get(0).getPath()));
    assertTrue(e.getMessage(), e.getMessage().contains("app-a"));
    assertEquals(List.of(), fixture.server.executors("app-a"));
    failure(ShuffleException.class, a.fetch("localhost", fixture.port(), "1", 0, 0, 0, 1));
  }

  @Test
  public void aSymbolicLinkInsideItsDirPointingIntoAnotherApplicationsDirIsRefused()
      throws Exception {
    File link = new File(dirOfA, "weft-shuffle-1");
    Files.createSymbolicLink(link.toPath(), executorOfB.roots().get(0).toPath());
    LocalDirLayout linked = LocalDirLayout.of(List.of(link));
    ShuffleClient a = client("app-a", SECRET_A);

    ShuffleException e =
        failure(
            ShuffleException.class, a.registerExecutor("localhost", fixture.port(), "1", linked));

    assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(link.getPath()));
    assertTrue(e.getMessage(), e.getMessage().contains("app-a"));
    assertFalse(e.getMessage(), e.getMessage().contains("\n"));
    assertEquals(List.of(), fixture.server.executors("app-a"));
  }

  @Test
  public void aRegisteredDirLaterReplacedByALinkIntoAnotherApplicationIsNeitherReadNorCleaned()
      throws Exception {
    File own = new File(dirOfA, "weft-shuffle-1");
    LocalDirLayout layoutOfA = LocalDirLayout.of(List.of(own));
    ShuffleFixture.writeMapOutput(layoutOfA, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    ShuffleClient a = client("app-a", SECRET_A);
    await(a.registerExecutor("localhost", fixture.port(), "1", layoutOfA));
    // Swap the registered dir for a link to B's executor dir, which has the same layout.
    Path moved = new File(dirOfA, "moved").toPath();
    Files.move(own.toPath(), moved);
    Files.createSymbolicLink(own.toPath(), executorOfB.roots().get(0).toPath());

    ShuffleException refused =
        failure(ShuffleException.class, a.fetch("localhost", fixture.port(), "1", 0, 0, 0, 1));
    await(fixture.server.removeApplication("app-a"));

    assertEquals(ErrorCode.NOT_AUTHORIZED, refused.code());
    assertTrue(executorOfB.fileFor(ShuffleFileNames.dataFile(0, 0, 0)).isFile());
    assertTrue(executorOfB.fileFor(ShuffleFileNames.indexFile(0, 0, 0)).isFile());
    assertArrayEquals(
        ShuffleFixture.blockContent(0, 0, 1),
        await(client("app-b", SECRET_B).fetch("localhost", fixture.port(), "1", 0, 0, 0, 1))
            .get(0)
            .toByteArray());
  }

  @Test
  public void removingAnApplicationWhoseDirWasRegisteredByNoOtherKeepsTheOtherApplicationsFiles()
      throws Exception {
    // B's files in a dir B's executors did not register (so not protected as a registered dir).
    LocalDirLayout unregisteredOfB = LocalDirLayout.of(List.of(new File(dirOfB, "weft-shuffle-2")));
    ShuffleFixture.writeMapOutput(unregisteredOfB, 1, 0, ShuffleFixture.blocks(1, 0, 3));
    ShuffleClient a = client("app-a", SECRET_A);
    failure(
        ShuffleException.class,
        a.registerExecutor("localhost", fixture.port(), "2", unregisteredOfB));

    await(fixture.server.removeApplication("app-a"));

    assertTrue(unregisteredOfB.fileFor(ShuffleFileNames.dataFile(1, 0, 0)).isFile());
    assertTrue(unregisteredOfB.fileFor(ShuffleFileNames.indexFile(1, 0, 0)).isFile());
  }

  @Test
  public void anApplicationRegistersReadsAndCleansADirUnderItsOwnAppCache() throws Exception {
    LocalDirLayout layoutOfA = LocalDirLayout.of(List.of(new File(dirOfA, "weft-shuffle-1")));
    ShuffleFixture.writeMapOutput(layoutOfA, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    ShuffleClient a = client("app-a", SECRET_A);

    await(a.registerExecutor("localhost", fixture.port(), "1", layoutOfA));
    byte[] block =
        await(a.fetch("localhost", fixture.port(), "1", 0, 0, 0, 2)).get(0).toByteArray();
    await(fixture.server.removeApplication("app-a"));

    assertArrayEquals(ShuffleFixture.blockContent(0, 0, 2), block);
    assertFalse(layoutOfA.fileFor(ShuffleFileNames.dataFile(0, 0, 0)).exists());
    assertFalse(layoutOfA.fileFor(ShuffleFileNames.indexFile(0, 0, 0)).exists());
    assertTrue(executorOfB.fileFor(ShuffleFileNames.dataFile(0, 0, 0)).isFile());
  }

  @Test
  public void withoutAllowedRootsTheServerWideCheckStillApplies() throws Exception {
    fixture.server.registerApplication("app-c", "secret-of-app-c".getBytes());
    LocalDirLayout outside = LocalDirLayout.of(List.of(tmp.newFolder("elsewhere")));

    failure(
        ShuffleException.class,
        client("app-c", "secret-of-app-c".getBytes())
            .registerExecutor("localhost", fixture.port(), "1", outside));
  }

  private ShuffleClient client(String appId, byte[] secret) {
    return fixture.client(appId, secret);
  }
}
