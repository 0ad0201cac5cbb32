package dev.weft.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.StatusEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

/** The HTTP side: the RM proxy guard, the proxy's user, the kill action's checks. */
public class UiServerTest {
  private UiServer server;
  private final AppStatusStore store =
      new AppStatusStore(AppStatusStore.Limits.DEFAULT, System::currentTimeMillis);
  private final AtomicReference<String> killed = new AtomicReference<>();
  private final UiActions actions =
      new UiActions() {
        @Override
        public boolean killJob(int jobId, String reason) {
          killed.set(reason);
          return true;
        }

        @Override
        public boolean killStage(int stageId, String reason) {
          return false;
        }
      };

  @After
  public void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String start(boolean killEnabled, List<String> proxyHosts) {
    return start(killEnabled, proxyHosts, Map.of());
  }

  /** Dave is in group analysts; nobody else is in a group. */
  private String start(boolean killEnabled, List<String> proxyHosts, Map<String, String> config) {
    store.accept(new StatusEvent.AppStarted(1, "app_1", "1", "demo", "ann", config));
    server =
        new UiServer(
            0,
            new LiveRouter(
                new AppUi(store, true, actions, killEnabled),
                user -> user.equals("dave") ? Set.of("analysts") : Set.of()),
            new ProxyGuard(proxyHosts, "http://rm.example:8088/proxy/app_1", () -> 0));
    return "http://127.0.0.1:" + server.port() + "/";
  }

  /** A POST of a form body, as the kill buttons send it. */
  private static int post(String url, String user, String form) throws IOException {
    HttpURLConnection c = open(url, "POST", user == null ? null : "proxy-user=" + user);
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
    try (var out = c.getOutputStream()) {
      out.write(form.getBytes(StandardCharsets.UTF_8));
    }
    return c.getResponseCode();
  }

  private static String csrf(String user) {
    return CsrfTokens.FIELD + "=" + CsrfTokens.token(user, "app_1");
  }

  private static HttpURLConnection open(String url, String method, String cookie)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setInstanceFollowRedirects(false);
    c.setRequestMethod(method);
    if (cookie != null) {
      c.setRequestProperty("Cookie", cookie);
    }
    return c;
  }

  private static String body(HttpURLConnection c) throws IOException {
    InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream();
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  public void requestsFromTheProxyGetPagesAndOthersAreSentToTheProxy() throws IOException {
    String base = start(false, List.of("127.0.0.1"));
    HttpURLConnection ok = open(base + "jobs", "GET", null);
    assertEquals(200, ok.getResponseCode());
    assertTrue(body(ok).contains("<table id=\"jobs\">"));
    server.close();

    base = start(false, List.of("192.0.2.10")); // a proxy elsewhere (TEST-NET, never contacted)
    HttpURLConnection moved = open(base + "stage?id=3&attempt=0", "GET", null);
    assertEquals(302, moved.getResponseCode());
    assertEquals(
        "http://rm.example:8088/proxy/app_1/stage?id=3&attempt=0",
        moved.getHeaderField("Location"));
  }

  @Test
  public void killIsRefusedWhenOffToOthersThanTheOwnerAndToGet() throws IOException {
    String base = start(false, List.of("127.0.0.1"));
    assertEquals(403, post(base + "kill?job=0", "ann", csrf("ann")));
    server.close();

    base = start(true, List.of("127.0.0.1"));
    HttpURLConnection bob = open(base + "kill?job=0", "POST", "proxy-user=bob");
    assertEquals(403, bob.getResponseCode());
    assertTrue(body(bob).contains("User bob may not modify application app_1"));
    assertEquals(403, post(base + "kill?job=0", null, csrf(null)));
    assertEquals(405, open(base + "kill?job=0", "GET", "proxy-user=ann").getResponseCode());
    assertEquals(null, killed.get());

    HttpURLConnection ann = open(base + "kill?job=0", "POST", "proxy-user=ann");
    ann.setDoOutput(true);
    ann.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
    try (var out = ann.getOutputStream()) {
      out.write(csrf("ann").getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(303, ann.getResponseCode());
    assertEquals("job?id=0", ann.getHeaderField("Location"));
    assertEquals("Job 0 killed from the web UI by ann", killed.get());
  }

  @Test
  public void killNeedsTheCsrfTokenOfTheUserWhoPosts() throws IOException {
    String base = start(true, List.of("127.0.0.1"));

    assertEquals(
        405, open(base + "kill?job=0&" + csrf("ann"), "GET", "proxy-user=ann").getResponseCode());
    HttpURLConnection noToken = open(base + "kill?job=0", "POST", "proxy-user=ann");
    assertEquals(403, noToken.getResponseCode());
    assertTrue(body(noToken).contains("CSRF token"));
    assertEquals(403, post(base + "kill?job=0", "ann", csrf("bob")));
    assertEquals(403, post(base + "kill?job=0", "ann", CsrfTokens.FIELD + "=00ff"));
    assertEquals(null, killed.get());

    assertEquals(303, post(base + "kill?job=0", "ann", csrf("ann")));
    assertEquals("Job 0 killed from the web UI by ann", killed.get());
  }

  @Test
  public void modifyAclsAndAdminsMayKillOthersMayNot() throws IOException {
    String base =
        start(
            true,
            List.of("127.0.0.1"),
            Map.of(
                "weft.modify.acls", "carl",
                "weft.modify.acls.groups", "analysts",
                "weft.admin.acls", "root"));

    assertEquals(403, post(base + "kill?job=0", "bob", csrf("bob")));
    assertEquals(null, killed.get());
    assertEquals(303, post(base + "kill?job=0", "carl", csrf("carl")));
    assertEquals(303, post(base + "kill?job=0", "dave", csrf("dave")));
    assertEquals(303, post(base + "kill?job=0", "root", csrf("root")));
    assertEquals("Job 0 killed from the web UI by root", killed.get());
  }

  @Test
  public void viewAclsAdmitTheOwnerListedUsersGroupsAndAdminsAndRefuseOthersWith403()
      throws IOException {
    String base =
        start(
            false,
            List.of("127.0.0.1"),
            Map.of(
                "weft.acls.enable", "true",
                "weft.ui.view.acls", "carl",
                "weft.ui.view.acls.groups", "analysts",
                "weft.admin.acls", "root"));

    for (String user : List.of("ann", "carl", "dave", "root")) {
      assertEquals(user, 200, open(base + "jobs", "GET", "proxy-user=" + user).getResponseCode());
      assertEquals(
          user,
          200,
          open(base + "api/v1/applications/app_1", "GET", "proxy-user=" + user).getResponseCode());
    }
    HttpURLConnection bob = open(base + "jobs", "GET", "proxy-user=bob");
    assertEquals(403, bob.getResponseCode());
    assertTrue(body(bob).contains("User bob may not view application app_1"));
    assertEquals(403, open(base + "jobs", "GET", null).getResponseCode());
    assertEquals(
        403,
        open(base + "api/v1/applications/app_1/jobs", "GET", "proxy-user=bob").getResponseCode());
    assertEquals("[]", body(open(base + "api/v1/applications", "GET", "proxy-user=bob")));
    assertEquals(200, open(base + "static/weft.css", "GET", "proxy-user=bob").getResponseCode());
  }

  @Test
  public void withoutAclsEnabledAnyoneMayView() throws IOException {
    String base = start(false, List.of("127.0.0.1"), Map.of("weft.ui.view.acls", "carl"));

    assertEquals(200, open(base + "jobs", "GET", "proxy-user=bob").getResponseCode());
  }

  @Test
  public void pagesAndAssetsAreServedWithTheirTypes() throws IOException {
    String base = start(false, List.of("127.0.0.1"));
    HttpURLConnection css = open(base + "static/weft.css", "GET", null);
    assertEquals(200, css.getResponseCode());
    assertTrue(css.getContentType().startsWith("text/css"));
    HttpURLConnection api = open(base + "api/v1/applications/app_1", "GET", null);
    assertEquals("application/json", api.getContentType());
    assertTrue(body(api).contains("\"user\":\"ann\""));
    assertEquals(404, open(base + "nothing", "GET", null).getResponseCode());
  }
}
