package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.SECRET_B;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.BlockFetchException;
import dev.weft.shuffle.client.FetchRequest;
import dev.weft.shuffle.client.FetchedBlock;
import dev.weft.shuffle.client.ShuffleAuthException;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuthenticationTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private LocalDirLayout dirsOfB;

  @Before
  public void setUp() throws Exception {
    fixture = new ShuffleFixture();
    fixture.server.registerApplication("app-a", SECRET_A);
    fixture.server.registerApplication("app-b", SECRET_B);
    dirsOfB = ShuffleFixture.executorDirs(tmp.newFolder("b"), 1);
    ShuffleFixture.writeMapOutput(dirsOfB, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    ShuffleClient b = fixture.client("app-b", SECRET_B);
    await(b.registerExecutor("localhost", fixture.port(), "exec-b", dirsOfB));
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void aClientWithTheApplicationsSecretReadsItsBlocks() throws Exception {
    ShuffleClient b = fixture.client("app-b", SECRET_B);

    List<FetchedBlock> blocks = await(b.fetch("localhost", fixture.port(), "exec-b", 0, 0, 0, 1));

    assertArrayEquals(ShuffleFixture.blockContent(0, 0, 1), blocks.get(0).toByteArray());
    assertEquals(0, fixture.server.metrics().snapshot().authFailures());
  }

  @Test
  public void aWrongSecretIsRefusedAndNamesTheApplication() throws Exception {
    ShuffleClient wrong = fixture.client("app-b", "guess".getBytes(StandardCharsets.UTF_8));

    ShuffleAuthException e =
        failure(
            ShuffleAuthException.class,
            wrong.registerExecutor("localhost", fixture.port(), "exec-x", dirsOfB));

    assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("app-b"));
    assertEquals(1, fixture.server.metrics().snapshot().authFailures());
  }

  @Test
  public void anUnknownApplicationIsRefused() throws Exception {
    ShuffleClient unknown = fixture.client("app-z", SECRET_A);

    BlockFetchException e =
        failure(
            BlockFetchException.class,
            unknown.fetch("localhost", fixture.port(), "exec-b", 0, 0, 0, 0));

    assertTrue(e.getCause() instanceof ShuffleAuthException);
    assertEquals(ErrorCode.UNKNOWN_APPLICATION, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("'app-z' is not registered"));
  }

  @Test
  public void aClientOfAnotherApplicationCannotReadTheBlocks() throws Exception {
    ShuffleClient a = fixture.client("app-a", SECRET_A);

    BlockFetchException namingB =
        failure(
            BlockFetchException.class,
            a.fetch(
                "localhost", fixture.port(), FetchRequest.of("app-b", "exec-b", 0, 0, 0, 0, 0)));
    BlockFetchException executorOfB =
        failure(
            BlockFetchException.class, a.fetch("localhost", fixture.port(), "exec-b", 0, 0, 0, 0));

    assertEquals(ErrorCode.NOT_AUTHORIZED, namingB.code());
    assertTrue(
        namingB.getMessage(), namingB.getMessage().contains("may not access application 'app-b'"));
    assertEquals(ErrorCode.UNKNOWN_EXECUTOR, executorOfB.code());
  }

  @Test
  public void aClientWithTheSecretOfAnotherApplicationIsRefused() throws Exception {
    ShuffleClient impostor = fixture.client("app-b", SECRET_A);

    ShuffleAuthException e =
        failure(
            ShuffleAuthException.class,
            impostor.registerExecutor("localhost", fixture.port(), "exec-x", dirsOfB));

    assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
  }
}
