package dev.weft.ui.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.EventLogWriter;
import dev.weft.core.status.StatusEvent;
import dev.weft.ui.UiRequest;
import dev.weft.ui.UiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HistoryRouterTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private HistoryRouter router(Path dir) throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    return new HistoryRouter(
        new HistoryProvider(
            fs,
            fs.makeQualified(new org.apache.hadoop.fs.Path(dir.toUri())),
            AppStatusStore.Limits.DEFAULT,
            0,
            System::currentTimeMillis));
  }

  private static void log(Path dir, String appId, boolean finish) {
    log(dir, appId, finish, Map.of());
  }

  private static void log(Path dir, String appId, boolean finish, Map<String, String> config) {
    EventLogWriter w =
        new EventLogWriter(
            new org.apache.hadoop.fs.Path(dir.toUri()), appId, "1", new Configuration(), () -> 0);
    w.accept(new StatusEvent.AppStarted(1000, appId, "1", "etl-" + appId, "ann", config));
    w.accept(
        new StatusEvent.JobStarted(
            1001, 0, "count", List.of(new StatusEvent.StageRef(0, "map", 1, false, List.of()))));
    w.accept(new StatusEvent.StageSubmitted(1002, 0, 0, "map", 1, false, List.of()));
    if (finish) {
      w.accept(new StatusEvent.StageCompleted(1003, 0, 0, null));
      w.accept(new StatusEvent.JobEnded(1004, 0, null));
      w.accept(new StatusEvent.AppEnded(1005, null));
      w.close();
    }
  }

  @Test
  public void listsFinishedAndRunningApplicationsAndServesTheirPages() throws IOException {
    Path dir = tmp.newFolder("history").toPath();
    log(dir, "app_1", true);
    log(dir, "app_2", false); // still .inprogress
    HistoryRouter router = router(dir);

    String list = router.route(UiRequest.get("", Map.of())).bodyText();
    assertTrue(list, list.contains("<table id=\"applications\">"));
    assertTrue(list, list.contains("href=\"history/app_1_1/\""));
    assertTrue(list, list.contains("href=\"history/app_2_1/\""));

    String job = router.route(UiRequest.get("history/app_1_1/job", Map.of("id", "0"))).bodyText();
    assertTrue(job, job.contains("<svg id=\"dag\""));
    assertTrue(job, job.contains("state-complete"));
    String running = router.route(UiRequest.get("history/app_2_1/stages", Map.of())).bodyText();
    assertTrue(running, running.contains("data-refresh=\"true\""));
    assertTrue(running, running.contains(">ACTIVE</td>"));

    UiResponse noSlash = router.route(UiRequest.get("history/app_1_1", Map.of()));
    assertEquals(303, noSlash.status());
    assertEquals("app_1_1/", noSlash.location());
    assertEquals(404, router.route(UiRequest.get("history/nope/", Map.of())).status());
  }

  @Test
  public void theHistoryServersAclSwitchProtectsApplicationsThatDidNotTurnAclsOn()
      throws IOException {
    Path dir = tmp.newFolder("history").toPath();
    log(dir, "app_1", true, Map.of("weft.ui.view.acls", "carl"));
    FileSystem fs = FileSystem.getLocal(new Configuration());
    HistoryRouter router =
        new HistoryRouter(
            new HistoryProvider(
                fs,
                fs.makeQualified(new org.apache.hadoop.fs.Path(dir.toUri())),
                AppStatusStore.Limits.DEFAULT,
                0,
                System::currentTimeMillis),
            user -> java.util.Set.of(),
            true);

    String forBob = router.route(new UiRequest("", Map.of(), "GET", "bob")).bodyText();
    assertTrue(forBob, !forBob.contains("history/app_1_1/"));
    for (String path : List.of("history/app_1_1/jobs", "api/v1/applications/app_1/jobs")) {
      assertEquals(path, 403, router.route(new UiRequest(path, Map.of(), "GET", "bob")).status());
      assertEquals(path, 403, router.route(new UiRequest(path, Map.of(), "GET", null)).status());
      assertEquals(path, 200, router.route(new UiRequest(path, Map.of(), "GET", "ann")).status());
      assertEquals(path, 200, router.route(new UiRequest(path, Map.of(), "GET", "carl")).status());
    }
    String apps =
        router.route(new UiRequest("api/v1/applications", Map.of(), "GET", "bob")).bodyText();
    assertTrue(apps, !apps.contains("app_1"));
  }

  @Test
  public void applicationsWithViewAclsAreHiddenFromOtherUsers() throws IOException {
    Path dir = tmp.newFolder("history").toPath();
    log(dir, "app_1", true, Map.of("weft.acls.enable", "true", "weft.ui.view.acls", "carl"));
    log(dir, "app_2", true);
    HistoryRouter router = router(dir);

    String forBob = router.route(new UiRequest("", Map.of(), "GET", "bob")).bodyText();
    assertTrue(forBob, !forBob.contains("history/app_1_1/") && forBob.contains("history/app_2_1/"));
    assertEquals(
        403, router.route(new UiRequest("history/app_1_1/jobs", Map.of(), "GET", "bob")).status());
    assertEquals(
        403,
        router
            .route(new UiRequest("api/v1/applications/app_1/jobs", Map.of(), "GET", "bob"))
            .status());
    assertEquals(
        200, router.route(new UiRequest("history/app_1_1/jobs", Map.of(), "GET", "carl")).status());
    assertEquals(
        200, router.route(new UiRequest("history/app_1_1/jobs", Map.of(), "GET", "ann")).status());
  }

  @Test
  public void restApiListsEveryLogAndFindsAnAppByIdOrLogName() throws IOException {
    Path dir = tmp.newFolder("history").toPath();
    log(dir, "app_1", true);
    HistoryRouter router = router(dir);
    assertTrue(
        router
            .route(UiRequest.get("api/v1/applications", Map.of()))
            .bodyText()
            .contains("\"name\":\"etl-app_1\""));
    assertEquals(
        200, router.route(UiRequest.get("api/v1/applications/app_1_1/jobs", Map.of())).status());
    assertEquals(
        200, router.route(UiRequest.get("api/v1/applications/app_1/jobs", Map.of())).status());
  }

  @Test
  public void aFileThatIsNoEventLogIsListedAsUnreadable() throws IOException {
    Path dir = tmp.newFolder("history").toPath();
    Files.writeString(dir.resolve("notes.txt"), "hello\n");
    String list = router(dir).route(UiRequest.get("", Map.of())).bodyText();
    assertTrue(list, list.contains("UNREADABLE: Not a Weft event log"));
  }
}
