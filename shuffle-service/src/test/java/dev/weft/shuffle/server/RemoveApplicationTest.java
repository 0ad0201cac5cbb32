package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.SECRET_B;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.ShuffleAuthException;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RemoveApplicationTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;

  @Before
  public void setUp() throws Exception {
    fixture = new ShuffleFixture();
    fixture.server.registerApplication("app-a", SECRET_A);
    fixture.server.registerApplication("app-b", SECRET_B);
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void removingAnApplicationDeletesItsShuffleFilesAndOnlyItsOwn() throws Exception {
    LocalDirLayout a1 = ShuffleFixture.executorDirs(tmp.newFolder("a1"), 2);
    LocalDirLayout a2 = ShuffleFixture.executorDirs(tmp.newFolder("a2"), 1);
    LocalDirLayout b1 = ShuffleFixture.executorDirs(tmp.newFolder("b1"), 2);
    for (int map = 0; map < 4; map++) {
      ShuffleFixture.writeMapOutput(a1, 0, map, ShuffleFixture.blocks(0, map, 3));
      ShuffleFixture.writeMapOutput(a2, 1, map, ShuffleFixture.blocks(1, map, 3));
      ShuffleFixture.writeMapOutput(b1, 0, map, ShuffleFixture.blocks(0, map, 3));
    }
    File notShuffle = new File(a1.roots().get(0), "executor.log");
    Files.writeString(notShuffle.toPath(), "kept");
    var a = fixture.client("app-a", SECRET_A);
    await(a.registerExecutor("localhost", fixture.port(), "1", a1));
    await(a.registerExecutor("localhost", fixture.port(), "2", a2));
    await(fixture.client("app-b", SECRET_B).registerExecutor("localhost", fixture.port(), "1", b1));

    await(fixture.server.removeApplication("app-a"));

    for (int map = 0; map < 4; map++) {
      for (File f :
          List.of(
              a1.fileFor(ShuffleFileNames.dataFile(0, map, map)),
              a1.fileFor(ShuffleFileNames.indexFile(0, map, map)),
              a2.fileFor(ShuffleFileNames.dataFile(1, map, map)))) {
        assertFalse(f + " should be deleted", f.exists());
      }
      assertTrue(b1.fileFor(ShuffleFileNames.dataFile(0, map, map)).isFile());
      assertTrue(b1.fileFor(ShuffleFileNames.indexFile(0, map, map)).isFile());
    }
    assertTrue(notShuffle.isFile());
    assertEquals(List.of(), fixture.server.executors("app-a"));
    assertEquals(1, fixture.server.executors("app-b").size());
    assertEquals(
        1,
        await(fixture.client("app-b", SECRET_B).fetch("localhost", fixture.port(), "1", 0, 3, 3, 2))
            .size());
    failure(
        ShuffleAuthException.class,
        fixture.client("app-a", SECRET_A).registerExecutor("localhost", fixture.port(), "3", a1));
  }
}
