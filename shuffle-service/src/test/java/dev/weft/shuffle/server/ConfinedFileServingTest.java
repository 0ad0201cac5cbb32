package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.SECRET_B;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleException;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleIndex;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A tenant that controls the files in its own dirs cannot make the service read anything else: a
 * data or index file swapped for a symbolic link (to another application's file or to a file
 * outside every registered dir), a directory on the way swapped for a link, a hard link to another
 * application's file, a FIFO, an oversized index and a missing file are each refused with one clear
 * line, while the same tenant's other map outputs and the other application's blocks are still
 * served byte for byte.
 */
public class ConfinedFileServingTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private File dirOfA;
  private LocalDirLayout executorOfA;
  private LocalDirLayout executorOfB;
  private File outside;

  @Before
  public void setUp() throws Exception {
    File nmLocal = tmp.newFolder("nm-local");
    dirOfA = new File(nmLocal, "usercache/alice/appcache/app-a");
    File dirOfB = new File(nmLocal, "usercache/bob/appcache/app-b");
    fixture =
        new ShuffleFixture(
            ShuffleServerConfig.builder()
                .allowedLocalDirs(List.of(nmLocal))
                .maxIndexFileSize(4096)
                .indexCacheBytes(0));
    fixture.server.registerApplication("app-a", SECRET_A, List.of(dirOfA.toPath()));
    fixture.server.registerApplication("app-b", SECRET_B, List.of(dirOfB.toPath()));
    executorOfA = LocalDirLayout.of(List.of(new File(dirOfA, "weft-shuffle-1")));
    executorOfB = LocalDirLayout.of(List.of(new File(dirOfB, "weft-shuffle-1")));
    for (int map = 0; map < 2; map++) {
      ShuffleFixture.writeMapOutput(executorOfA, 0, map, ShuffleFixture.blocks(0, map, 3));
    }
    ShuffleFixture.writeMapOutput(executorOfB, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    await(a().registerExecutor("localhost", fixture.port(), "1", executorOfA));
    await(b().registerExecutor("localhost", fixture.port(), "1", executorOfB));
    outside = tmp.newFile("nm.keytab");
    Files.writeString(outside.toPath(), "not for tenants", StandardCharsets.UTF_8);
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void aDataFileSwappedForALinkToAnotherApplicationsDataFileIsRefused() throws Exception {
    // A's index of map 0 now describes B's data file exactly, and its data file links to it.
    copy(
        fileOfB(ShuffleFileNames.indexFile(0, 0, 0)), fileOfA(ShuffleFileNames.indexFile(0, 0, 0)));
    swapForLink(
        fileOfA(ShuffleFileNames.dataFile(0, 0, 0)), fileOfB(ShuffleFileNames.dataFile(0, 0, 0)));

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("symbolic link"));
    assertLegitimateBlocksStillServed();
  }

  @Test
  public void anIndexFileSwappedForALinkToAnotherApplicationsIndexIsRefused() throws Exception {
    swapForLink(
        fileOfA(ShuffleFileNames.indexFile(0, 0, 0)), fileOfB(ShuffleFileNames.indexFile(0, 0, 0)));

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(ShuffleFileNames.indexFile(0, 0, 0)));
    assertLegitimateBlocksStillServed();
  }

  @Test
  public void filesSwappedForLinksOutsideEveryRegisteredDirAreRefused() throws Exception {
    swapForLink(fileOfA(ShuffleFileNames.indexFile(0, 0, 0)), outside);
    swapForLink(fileOfA(ShuffleFileNames.dataFile(0, 1, 1)), outside);

    assertEquals(ErrorCode.NOT_AUTHORIZED, refusedFetchOfMap0().code());
    ShuffleException data =
        failure(ShuffleException.class, a().fetch("localhost", fixture.port(), "1", 0, 1, 1, 0));
    assertEquals(ErrorCode.NOT_AUTHORIZED, data.code());
    assertArrayEquals(
        ShuffleFixture.blockContent(0, 0, 1),
        await(b().fetch("localhost", fixture.port(), "1", 0, 0, 0, 1)).get(0).toByteArray());
  }

  @Test
  public void aDirectoryOnTheWaySwappedForALinkIsRefused() throws Exception {
    File sub = fileOfA(ShuffleFileNames.indexFile(0, 0, 0)).getParentFile();
    File subOfB = fileOfB(ShuffleFileNames.indexFile(0, 0, 0)).getParentFile();
    Files.move(sub.toPath(), new File(dirOfA, "moved").toPath());
    Files.createSymbolicLink(sub.toPath(), subOfB.toPath());

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(sub.getPath() + " is a symbolic link"));
    assertArrayEquals(
        ShuffleFixture.blockContent(0, 0, 2),
        await(b().fetch("localhost", fixture.port(), "1", 0, 0, 0, 2)).get(0).toByteArray());
  }

  /** Needs root, to give B's files another owner as a NodeManager running containers does. */
  @Test
  public void aHardLinkToAnotherUsersDataFileIsRefused() throws Exception {
    Assume.assumeTrue("chown needs root", "root".equals(System.getProperty("user.name")));
    UserPrincipal bob =
        dirOfA
            .toPath()
            .getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName("nobody");
    try (var files = Files.walk(executorOfB.roots().get(0).toPath())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.setOwner(p, bob);
      }
    }
    copy(
        fileOfB(ShuffleFileNames.indexFile(0, 0, 0)), fileOfA(ShuffleFileNames.indexFile(0, 0, 0)));
    File data = fileOfA(ShuffleFileNames.dataFile(0, 0, 0));
    Files.delete(data.toPath());
    Files.createLink(data.toPath(), fileOfB(ShuffleFileNames.dataFile(0, 0, 0)).toPath());

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("owned by nobody, not by root"));
    assertLegitimateBlocksStillServed();
  }

  @Test
  public void aFifoInPlaceOfTheIndexIsRefusedWithoutBlocking() throws Exception {
    File index = fileOfA(ShuffleFileNames.indexFile(0, 0, 0));
    Files.delete(index.toPath());
    Process mkfifo = new ProcessBuilder("mkfifo", index.getPath()).start();
    assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, mkfifo.exitValue());

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("not a regular file"));
    assertLegitimateBlocksStillServed();
  }

  @Test
  public void anIndexFileAboveTheLimitIsRefusedUnread() throws Exception {
    // A well-formed index of 400 partitions: 4,824 bytes, over the 4,096 allowed here.
    int partitions = 400;
    long[] lengths = new long[partitions];
    int[] checksums = new int[partitions];
    Files.write(
        fileOfA(ShuffleFileNames.indexFile(0, 0, 0)).toPath(),
        ShuffleIndex.of(lengths, checksums).toBytes());
    Files.write(fileOfA(ShuffleFileNames.dataFile(0, 0, 0)).toPath(), new byte[0]);

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.INVALID_SHUFFLE_FILE, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("weft.shuffle.service.maxIndexFileSize"));
    assertTrue(e.getMessage(), e.getMessage().contains("4824 bytes"));
    assertLegitimateBlocksStillServed();
  }

  @Test
  public void aMissingFileIsRefusedNamingIt() throws Exception {
    File data = fileOfA(ShuffleFileNames.dataFile(0, 0, 0));
    Files.delete(data.toPath());

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.BLOCK_NOT_FOUND, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("data file " + data + " of shuffle 0"));
    assertTrue(e.getMessage(), e.getMessage().contains("is missing on node-1"));
    assertLegitimateBlocksStillServed();
  }

  @Test
  public void aMissingDirectoryIsRefusedNamingIt() throws Exception {
    File index = fileOfA(ShuffleFileNames.indexFile(0, 0, 0));
    File sub = index.getParentFile();
    Files.move(sub.toPath(), new File(dirOfA, "moved").toPath());

    ShuffleException e = refusedFetchOfMap0();

    assertEquals(ErrorCode.BLOCK_NOT_FOUND, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("index file " + index));
    assertTrue(e.getMessage(), e.getMessage().contains(sub + " does not exist"));
  }

  /** Without per-application roots, the server-wide dirs confine the files in the same way. */
  @Test
  public void withoutApplicationRootsALinkOutOfTheAllowedDirsIsRefused() throws Exception {
    File nmLocal = dirOfA.getParentFile().getParentFile().getParentFile().getParentFile();
    fixture.server.registerApplication("app-c", "secret-of-app-c".getBytes());
    LocalDirLayout executorOfC =
        LocalDirLayout.of(List.of(new File(nmLocal, "usercache/carol/appcache/app-c/d")));
    ShuffleFixture.writeMapOutput(executorOfC, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    ShuffleClient c = fixture.client("app-c", "secret-of-app-c".getBytes());
    await(c.registerExecutor("localhost", fixture.port(), "1", executorOfC));
    File data = executorOfC.fileFor(ShuffleFileNames.dataFile(0, 0, 0));
    File secretFile = tmp.newFile("secret.data");
    Files.write(secretFile.toPath(), Files.readAllBytes(data.toPath()));
    swapForLink(data, secretFile);

    ShuffleException e =
        failure(ShuffleException.class, c.fetch("localhost", fixture.port(), "1", 0, 0, 0, 1));

    assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
    assertLegitimateBlocksStillServed();
  }

  private ShuffleException refusedFetchOfMap0() throws Exception {
    return failure(ShuffleException.class, a().fetch("localhost", fixture.port(), "1", 0, 0, 0, 1));
  }

  /** A's untouched map output and B's map output are served byte for byte. */
  private void assertLegitimateBlocksStillServed() throws Exception {
    assertArrayEquals(
        ShuffleFixture.blockContent(0, 1, 1),
        await(a().fetch("localhost", fixture.port(), "1", 0, 1, 1, 1)).get(0).toByteArray());
    assertArrayEquals(
        ShuffleFixture.blockContent(0, 0, 2),
        await(b().fetch("localhost", fixture.port(), "1", 0, 0, 0, 2)).get(0).toByteArray());
  }

  private File fileOfA(String name) {
    return executorOfA.fileFor(name);
  }

  private File fileOfB(String name) {
    return executorOfB.fileFor(name);
  }

  private static void swapForLink(File file, File target) throws Exception {
    Files.delete(file.toPath());
    Files.createSymbolicLink(file.toPath(), target.toPath());
  }

  private static void copy(File from, File to) throws Exception {
    Path temp = to.toPath().resolveSibling(to.getName() + ".copy");
    Files.copy(from.toPath(), temp);
    Files.move(temp, to.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private ShuffleClient a() {
    return fixture.client("app-a", SECRET_A);
  }

  private ShuffleClient b() {
    return fixture.client("app-b", SECRET_B);
  }
}
