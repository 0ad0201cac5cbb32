package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.StatusEvent;
import dev.weft.ui.AppUi;
import dev.weft.ui.LiveRouter;
import dev.weft.ui.ProxyGuard;
import dev.weft.ui.UiServer;
import dev.weft.yarn.am.AmLaunch;
import dev.weft.yarn.am.DriverStatus;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Test;

/**
 * yarn-submit's progress with view ACLs on: the ApplicationMaster's status document is refused to a
 * request the ACLs do not admit, so the client reads it with the status token derived from the
 * application secret it made, directly from the AM.
 */
public class DriverStatusPollerTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private UiServer server;

  @After
  public void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** An AM whose owner is ann, with view ACLs on, behind a proxy at {@code proxyHost}. */
  private String startAm(String proxyHost) {
    AppStatusStore store =
        new AppStatusStore(AppStatusStore.Limits.DEFAULT, System::currentTimeMillis);
    store.accept(
        new StatusEvent.AppStarted(
            1, "app_1", "1", "demo", "ann", Map.of("weft.acls.enable", "true")));
    LiveRouter router =
        new LiveRouter(AppUi.readOnly(store, true), user -> Set.of())
            .addJson(
                AmLaunch.STATUS_PATH.substring(1),
                req -> new DriverStatus("RUNNING", 2, List.of(), null).toJson(),
                AmLaunch.statusToken(SECRET));
    server =
        new UiServer(
            0,
            router,
            new ProxyGuard(List.of(proxyHost), "http://127.0.0.1:9/proxy/app_1", () -> 0));
    return "http://127.0.0.1:" + server.port() + "/";
  }

  @Test
  public void theSubmittingClientSeesTheStatusThatTheViewAclsRefuseToOthers() {
    String am = startAm("127.0.0.1"); // every request here comes "through the proxy", as nobody
    assertNull("refused without the token", new DriverStatusPoller(null).poll(am, 0));
    assertNull(
        "refused with another application's token",
        new DriverStatusPoller(AmLaunch.statusToken(new byte[32])).poll(am, 0));
    DriverStatus status = new DriverStatusPoller(AmLaunch.statusToken(SECRET)).poll(am, 0);
    assertNotNull("the client's token admits it", status);
    assertEquals("RUNNING", status.state());
    assertEquals(2, status.executors());
  }

  @Test
  public void theTokenReadsTheStatusDirectlyAndOpensNothingElse() throws Exception {
    String am = startAm("192.0.2.10"); // the proxy is elsewhere: others are redirected to it
    DriverStatus status = new DriverStatusPoller(AmLaunch.statusToken(SECRET)).poll(am, 0);
    assertNotNull("read from the AM without the proxy", status);
    HttpURLConnection jobs = (HttpURLConnection) new URL(am + "jobs").openConnection();
    jobs.setInstanceFollowRedirects(false);
    jobs.setRequestProperty(UiServer.ACCESS_TOKEN_HEADER, AmLaunch.statusToken(SECRET));
    assertEquals("other pages still go through the proxy", 302, jobs.getResponseCode());
  }

  @Test
  public void statusTokensDifferPerSecretAndRevealItNot() {
    assertNotEquals(AmLaunch.statusToken(SECRET), AmLaunch.statusToken(new byte[32]));
    assertEquals(AmLaunch.statusToken(SECRET), AmLaunch.statusToken(SECRET.clone()));
  }
}
