package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.shuffle.client.ShuffleException;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConnectionLimitTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private LocalDirLayout dirs;

  @Before
  public void setUp() throws Exception {
    fixture = new ShuffleFixture(ShuffleServerConfig.builder().maxConnections(3));
    fixture.server.registerApplication("app-a", SECRET_A);
    dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec"), 1);
  }

  @After
  public void tearDown() {
    fixture.close();
  }

  @Test
  public void theConnectionBeyondTheLimitGetsAClearRefusal() throws Exception {
    for (int i = 0; i < 3; i++) {
      await(
          fixture
              .client("app-a", SECRET_A)
              .registerExecutor("localhost", fixture.port(), "e" + i, dirs));
    }

    ShuffleException e =
        failure(
            ShuffleException.class,
            fixture
                .client("app-a", SECRET_A)
                .registerExecutor("localhost", fixture.port(), "e3", dirs));

    assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("3 connections are open"));
    ShuffleServerMetrics.Snapshot m = fixture.server.metrics().snapshot();
    assertEquals(3, m.openConnections());
    assertEquals(1, m.refusedConnections());
    assertEquals(3, fixture.server.executors("app-a").size());
  }
}
