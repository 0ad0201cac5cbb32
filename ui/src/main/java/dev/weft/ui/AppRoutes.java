package dev.weft.ui;

import java.io.IOException;
import java.io.InputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Routes a request below one application's base to its page, static asset or kill action. The REST
 * API is routed by the server (it spans applications).
 */
final class AppRoutes {
  private static final Logger LOG = LogManager.getLogger(AppRoutes.class);

  private AppRoutes() {}

  static UiResponse handle(AppUi app, UiRequest req, GroupMapping groups) {
    String path = req.path();
    if (path.startsWith("static/")) {
      return asset(path.substring("static/".length()));
    }
    AccessControl acl = AccessControl.of(app.store().application(), groups);
    String appId = app.store().application().id();
    if (!acl.canView(req.user())) {
      return UiResponse.text(403, refusal(req.user(), "view", appId));
    }
    if (path.equals("kill")) {
      return kill(app, req, acl);
    }
    if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
      return UiResponse.text(405, "Only GET is supported on " + path);
    }
    Pages pages = new Pages(app, req.user());
    return switch (path) {
      case "" -> UiResponse.html(pages.overview());
      case "jobs" -> UiResponse.html(pages.jobs());
      case "job" -> UiResponse.html(pages.job(req));
      case "stages" -> UiResponse.html(pages.stages());
      case "stage" -> UiResponse.html(pages.stage(req));
      case "executors" -> UiResponse.html(pages.executors());
      case "storage" -> UiResponse.html(pages.storage());
      case "dataset" -> UiResponse.html(pages.dataset(req));
      default -> UiResponse.text(404, "No page " + path);
    };
  }

  /** Why {@code user} may not {@code what} ("view", "modify") the application. */
  static String refusal(String user, String what, String appId) {
    return (user == null ? "An unauthenticated user" : "User " + user)
        + " may not "
        + what
        + " application "
        + appId
        + " (see weft.acls.enable, weft.ui.view.acls, weft.modify.acls, weft.admin.acls and"
        + " their .groups)";
  }

  /**
   * Kills a job or stage: POST only, with the CSRF token of the page that offered it, only when
   * {@code weft.ui.killEnabled}, and only for users with modify permission (the owner, {@code
   * weft.modify.acls}, {@code weft.admin.acls}) as the ResourceManager's proxy authenticated them.
   */
  private static UiResponse kill(AppUi app, UiRequest req, AccessControl acl) {
    if (!req.method().equals("POST")) {
      return UiResponse.text(405, "kill takes a POST");
    }
    if (!app.canKill()) {
      return UiResponse.text(
          403, "Killing from the UI is off for this application (weft.ui.killEnabled=false)");
    }
    String appId = app.store().application().id();
    if (!acl.canModify(req.user())) {
      return UiResponse.text(403, refusal(req.user(), "modify", appId));
    }
    if (!CsrfTokens.valid(req.params().get(CsrfTokens.FIELD), req.user(), appId)) {
      return UiResponse.text(
          403, "kill needs the CSRF token of the page that offered it; reload the page");
    }
    Integer job = req.intParam("job");
    Integer stage = req.intParam("stage");
    String reason = "killed from the web UI by " + req.user();
    if (job != null) {
      LOG.info("Job {} {}", job, reason);
      return app.actions().killJob(job, "Job " + job + " " + reason)
          ? UiResponse.redirect("job?id=" + job)
          : UiResponse.text(409, "Job " + job + " is not running");
    }
    if (stage != null) {
      LOG.info("Stage {} {}", stage, reason);
      return app.actions().killStage(stage, "Stage " + stage + " " + reason)
          ? UiResponse.redirect("stage?id=" + stage)
          : UiResponse.text(409, "Stage " + stage + " is not running");
    }
    return UiResponse.text(400, "kill expects job=<id> or stage=<id>");
  }

  private static UiResponse asset(String name) {
    String type =
        name.equals("weft.css")
            ? "text/css; charset=utf-8"
            : name.equals("weft.js") ? "application/javascript; charset=utf-8" : null;
    if (type == null) {
      return UiResponse.text(404, "No asset " + name);
    }
    try (InputStream in = AppRoutes.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        return UiResponse.text(500, "Asset " + name + " is missing from the weft-ui jar");
      }
      return new UiResponse(200, type, in.readAllBytes(), null);
    } catch (IOException e) {
      return UiResponse.text(500, "Cannot read asset " + name + ": " + e);
    }
  }
}
