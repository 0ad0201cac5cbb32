package dev.weft.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.core.status.EventLogFormat;
import dev.weft.core.status.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The REST API, version 1, under {@code api/v1/}: the same data as the pages, as JSON.
 *
 * <pre>
 * applications                                        every application served
 * applications/{app}                                  one application's overview
 * applications/{app}/jobs                             its jobs, newest first
 * applications/{app}/jobs/{jobId}                     one job
 * applications/{app}/jobs/{jobId}/dag                 the job's stages with their state in it
 * applications/{app}/stages                           every stage attempt, newest first
 * applications/{app}/stages/{stageId}                 the attempts of a stage
 * applications/{app}/stages/{stageId}/{attempt}       one stage attempt
 * applications/{app}/stages/{stageId}/{attempt}/tasks its tasks (offset, length parameters)
 * applications/{app}/executors                        executors, live and removed
 * applications/{app}/storage                          cached datasets
 * version                                             {"api":"v1","weft":...}
 * </pre>
 *
 * Errors are JSON too: {@code {"error": "..."}} with status 404 or 400.
 */
final class RestApi {
  static final String PREFIX = "api/v1/";
  private static final ObjectMapper JSON = EventLogFormat.JSON;

  private final Function<String, AppUi> apps;
  private final java.util.function.Supplier<List<Views.Application>> list;
  private final GroupMapping groups;

  /**
   * @param apps the application of an id, or null
   * @param list every application served
   */
  RestApi(
      Function<String, AppUi> apps,
      java.util.function.Supplier<List<Views.Application>> list,
      GroupMapping groups) {
    this.apps = apps;
    this.list = list;
    this.groups = groups;
  }

  UiResponse handle(String path, UiRequest req) {
    String[] p = path.isEmpty() ? new String[0] : path.split("/");
    try {
      if (p.length == 1 && p[0].equals("version")) {
        String v = RestApi.class.getPackage().getImplementationVersion();
        return ok(Map.of("api", "v1", "weft", v == null ? "dev" : v));
      }
      if (p.length == 0 || !p[0].equals("applications")) {
        return error(
            404, "No such resource: " + PREFIX + path + " (see " + PREFIX + "applications)");
      }
      if (p.length == 1) {
        // only the applications the caller may view
        return ok(
            list.get().stream()
                .filter(a -> AccessControl.of(a, groups).canView(req.user()))
                .toList());
      }
      AppUi app = apps.apply(p[1]);
      if (app == null) {
        return error(404, "No application " + p[1]);
      }
      if (!AccessControl.of(app.store().application(), groups).canView(req.user())) {
        return error(403, AppRoutes.refusal(req.user(), "view", p[1]));
      }
      var store = app.store();
      if (p.length == 2) {
        return ok(store.application());
      }
      switch (p[2]) {
        case "jobs":
          if (p.length == 3) {
            return ok(store.jobs());
          }
          int jobId = number(p[3], "job id");
          Views.Job job = store.job(jobId);
          if (job == null) {
            return error(404, "No job " + jobId + " in " + p[1]);
          }
          if (p.length == 4) {
            return ok(job);
          }
          if (p.length == 5 && p[4].equals("dag")) {
            return ok(store.dag(jobId));
          }
          break;
        case "stages":
          if (p.length == 3) {
            return ok(store.stages());
          }
          int stageId = number(p[3], "stage id");
          if (p.length == 4) {
            List<Views.Stage> attempts = new ArrayList<>();
            for (Views.Stage s : store.stages()) {
              if (s.stageId() == stageId) {
                attempts.add(0, s);
              }
            }
            return attempts.isEmpty() ? error(404, "No stage " + stageId) : ok(attempts);
          }
          int attempt = number(p[4], "stage attempt");
          Views.Stage stage = store.stage(stageId, attempt);
          if (stage == null) {
            return error(404, "No attempt " + attempt + " of stage " + stageId);
          }
          if (p.length == 5) {
            return ok(stage);
          }
          if (p.length == 6 && p[5].equals("tasks")) {
            List<Views.Task> tasks = store.tasks(stageId, attempt);
            int offset = Math.max(0, param(req, "offset", 0));
            int length = Math.max(0, param(req, "length", Integer.MAX_VALUE));
            int from = Math.min(offset, tasks.size());
            int to = (int) Math.min(tasks.size(), (long) from + length);
            return ok(tasks.subList(from, to));
          }
          break;
        case "executors":
          if (p.length == 3) {
            return ok(store.executors());
          }
          break;
        case "storage":
          if (p.length == 3) {
            return ok(store.datasets());
          }
          break;
        default:
          break;
      }
      return error(404, "No such resource: " + PREFIX + path);
    } catch (IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
  }

  private static int number(String s, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Expected a " + what + " (a number), found '" + s + "'");
    }
  }

  private static int param(UiRequest req, String name, int dflt) {
    String v = req.params().get(name);
    return v == null ? dflt : number(v, name);
  }

  private static UiResponse ok(Object body) {
    try {
      return UiResponse.json(200, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the REST response as JSON", e);
    }
  }

  static UiResponse error(int status, String message) {
    try {
      return UiResponse.json(status, JSON.writeValueAsString(Map.of("error", message)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
