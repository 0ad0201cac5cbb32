package dev.weft.shuffle.server;

import static dev.weft.shuffle.server.ShuffleFixture.SECRET_A;
import static dev.weft.shuffle.server.ShuffleFixture.SECRET_B;
import static dev.weft.shuffle.server.ShuffleFixture.await;
import static dev.weft.shuffle.server.ShuffleFixture.failure;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.MessageLite;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleException;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.protocol.proto.AuthOk;
import dev.weft.shuffle.protocol.proto.Error;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.protocol.proto.FetchBlocks;
import dev.weft.shuffle.protocol.proto.ServerChallenge;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Unauthenticated clients cannot starve authenticated ones: before authentication frames are
 * limited to the handshake's size, handshakes are capped per remote address and overall and end
 * after a short timeout; after it, each application has a connection cap. A client presenting
 * another application's id is refused. Attackers connect from 127.0.0.2 and up; the legitimate
 * client from 127.0.0.1, and after each attack it still reads exact bytes.
 */
public class HandshakeLimitsTest {
  private static final int PER_ADDRESS = 8;
  private static final int PENDING = 20;
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ShuffleFixture fixture;
  private final List<RawConnection> raw = new ArrayList<>();

  @Before
  public void setUp() throws Exception {
    fixture =
        new ShuffleFixture(
            ShuffleServerConfig.builder()
                .maxPendingHandshakes(PENDING)
                .maxPendingHandshakesPerAddress(PER_ADDRESS)
                .maxConnectionsPerApp(4)
                .handshakeTimeout(HANDSHAKE_TIMEOUT));
    fixture.server.registerApplication("app-a", SECRET_A);
    fixture.server.registerApplication("app-b", SECRET_B);
    LocalDirLayout dirs = ShuffleFixture.executorDirs(tmp.newFolder("exec-a"), 1);
    ShuffleFixture.writeMapOutput(dirs, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    fixture.server.registerExecutor(
        new RegisteredExecutor("app-a", "1", List.of(dirs.roots().get(0).getPath()), 64));
    LocalDirLayout dirsOfB = ShuffleFixture.executorDirs(tmp.newFolder("exec-b"), 1);
    ShuffleFixture.writeMapOutput(dirsOfB, 0, 0, ShuffleFixture.blocks(0, 0, 3));
    fixture.server.registerExecutor(
        new RegisteredExecutor("app-b", "1", List.of(dirsOfB.roots().get(0).getPath()), 64));
  }

  @After
  public void tearDown() throws IOException {
    for (RawConnection c : raw) {
      c.close();
    }
    fixture.close();
  }

  @Test
  public void aFrameLargerThanTheHandshakeBeforeAuthenticationClosesTheConnection()
      throws Exception {
    RawConnection attacker = open("127.0.0.2");

    attacker.sendLengthPrefix(1 << 20);

    Error error = (Error) attacker.receive();
    assertEquals(ErrorCode.MALFORMED_MESSAGE, error.getCode());
    assertTrue(error.getFatal());
    assertTrue(
        error.getMessage(),
        error.getMessage().contains("at most 1024 bytes before authentication"));
    assertTrue(attacker.closedByServer());
    assertLegitimateClientReadsExactBytes(newClient());
  }

  @Test
  public void halfOpenHandshakesFromOneHostDoNotStarveAnAuthenticatedClient() throws Exception {
    ShuffleClient established = newClient();
    assertLegitimateClientReadsExactBytes(established);

    int challenged = 0;
    int refused = 0;
    List<RawConnection> halfOpen = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      RawConnection attacker = open("127.0.0.2");
      MessageLite reply = attacker.hello("app-a");
      if (reply instanceof ServerChallenge) {
        challenged++;
        halfOpen.add(attacker);
      } else {
        assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, ((Error) reply).getCode());
        assertTrue(((Error) reply).getMessage().contains("from 127.0.0.2"));
        refused++;
      }
    }

    assertEquals(PER_ADDRESS, challenged);
    assertEquals(100 - PER_ADDRESS, refused);
    assertEquals(PER_ADDRESS, fixture.server.metrics().snapshot().pendingHandshakes());
    assertLegitimateClientReadsExactBytes(established);
    assertLegitimateClientReadsExactBytes(newClient());
    long start = System.nanoTime();
    for (RawConnection attacker : halfOpen) {
      Error timeout = (Error) attacker.receive();
      assertEquals(ErrorCode.HANDSHAKE_TIMEOUT, timeout.getCode());
      assertTrue(attacker.closedByServer());
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    ShuffleFixture.awaitCount(0, () -> fixture.server.metrics().snapshot().pendingHandshakes());
    assertTrue(waited.toString(), waited.compareTo(HANDSHAKE_TIMEOUT.plusSeconds(5)) < 0);
    assertTrue(open("127.0.0.2").hello("app-a") instanceof ServerChallenge);
  }

  @Test
  public void handshakesFromManyHostsAreCappedOverallWhileAnEstablishedClientKeepsFetching()
      throws Exception {
    ShuffleClient established = newClient();
    assertLegitimateClientReadsExactBytes(established);

    int challenged = 0;
    for (int host = 2; host <= 5; host++) {
      for (int i = 0; i < PER_ADDRESS; i++) {
        if (open("127.0.0." + host).hello("app-a") instanceof ServerChallenge) {
          challenged++;
        }
      }
    }

    assertEquals(PENDING, challenged);
    assertLegitimateClientReadsExactBytes(established);
  }

  @Test
  public void connectionsBeyondAnApplicationsCapAreRefusedAfterAuthentication() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertTrue(open("127.0.0.1").authenticate("app-a", SECRET_A) instanceof AuthOk);
    }

    Error refused = (Error) open("127.0.0.1").authenticate("app-a", SECRET_A);

    assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, refused.getCode());
    assertTrue(
        refused.getMessage(),
        refused.getMessage().contains("weft.shuffle.service.maxConnectionsPerApp"));
    assertArrayEquals(
        ShuffleFixture.blockContent(0, 0, 1),
        await(fixture.client("app-b", SECRET_B).fetch("localhost", fixture.port(), "1", 0, 0, 0, 1))
            .get(0)
            .toByteArray());
  }

  @Test
  public void aClientPresentingAnotherApplicationsIdWithItsOwnSecretIsRefused() throws Exception {
    ShuffleException e =
        failure(
            ShuffleException.class,
            fixture.client("app-b", SECRET_A).fetch("localhost", fixture.port(), "1", 0, 0, 0, 1));

    assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains("app-b"));
    assertLegitimateClientReadsExactBytes(newClient());
  }

  @Test
  public void anAuthenticatedClientAskingForAnotherApplicationsBlocksIsRefused() throws Exception {
    RawConnection a = open("127.0.0.1");
    assertTrue(a.authenticate("app-a", SECRET_A) instanceof AuthOk);

    a.send(
        FetchBlocks.newBuilder()
            .setRequestId(7)
            .setAppId("app-b")
            .setExecutorId("1")
            .setShuffleId(0)
            .setMapId(0)
            .addReduceIds(1)
            .build());

    Error error = (Error) a.receive();
    assertEquals(ErrorCode.NOT_AUTHORIZED, error.getCode());
    assertEquals(7, error.getRequestId());
    assertLegitimateClientReadsExactBytes(newClient());
  }

  private RawConnection open(String localAddress) throws IOException {
    RawConnection c = RawConnection.open(localAddress, fixture.port());
    raw.add(c);
    return c;
  }

  private ShuffleClient newClient() {
    return fixture.client("app-a", SECRET_A);
  }

  private void assertLegitimateClientReadsExactBytes(ShuffleClient client) throws Exception {
    assertArrayEquals(
        ShuffleFixture.blockContent(0, 0, 1),
        await(client.fetch("localhost", fixture.port(), "1", 0, 0, 0, 1)).get(0).toByteArray());
  }
}
