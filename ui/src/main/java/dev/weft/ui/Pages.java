package dev.weft.ui;

import static dev.weft.ui.Html.bytes;
import static dev.weft.ui.Html.duration;
import static dev.weft.ui.Html.esc;
import static dev.weft.ui.Html.stateClass;
import static dev.weft.ui.Html.time;

import dev.weft.core.status.TaskFigures;
import dev.weft.core.status.Views;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML pages of one application. Every link is relative to the application's base (the RM
 * proxy's {@code /proxy/<appId>/}, the history server's {@code /history/<log>/}), so the pages work
 * under any prefix. Tables have stable ids ({@code table#jobs}, {@code table#stages}, {@code
 * table#tasks}, {@code table#executors}, {@code table#storage}) for scripts and tests.
 */
final class Pages {
  private final AppUi app;

  /** The user the pages are rendered for (their forms carry that user's CSRF token). */
  private final String user;

  Pages(AppUi app, String user) {
    this.user = user;
    this.app = app;
  }

  // ---- layout ----

  private String page(String title, String active, String body) {
    Views.Application a = app.store().application();
    boolean refreshing = app.live() && "RUNNING".equals(a.state());
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(title))
        .append(" · ")
        .append(esc(a.name()))
        .append(" · Weft</title><link rel=\"stylesheet\" href=\"static/weft.css\">")
        .append("<script src=\"static/weft.js\" defer></script></head>")
        .append("<body data-refresh=\"")
        .append(refreshing)
        .append("\"><header><span class=\"brand\">Weft</span> <span class=\"app\">")
        .append(esc(a.name()))
        .append("</span> <span class=\"badge ")
        .append(stateClass(a.state()))
        .append("\" id=\"app-state\">")
        .append(esc(a.state()))
        .append("</span><nav>");
    for (String[] item :
        new String[][] {
          {"./", "Overview", "overview"},
          {"jobs", "Jobs", "jobs"},
          {"stages", "Stages", "stages"},
          {"executors", "Executors", "executors"},
          {"storage", "Storage", "storage"}
        }) {
      b.append("<a href=\"")
          .append(item[0])
          .append("\"")
          .append(item[2].equals(active) ? " class=\"active\"" : "")
          .append(">")
          .append(item[1])
          .append("</a>");
    }
    b.append("</nav></header><main id=\"content\">")
        .append("<h1>")
        .append(esc(title))
        .append("</h1>")
        .append(body)
        .append("</main></body></html>");
    return b.toString();
  }

  private static String notFound(String what) {
    return "<p class=\"missing\">" + esc(what) + "</p>";
  }

  // ---- overview ----

  String overview() {
    Views.Application a = app.store().application();
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"facts\" id=\"application\">")
        .append(row("Application", a.id()))
        .append(a.attemptId() == null ? "" : row("Attempt", a.attemptId()))
        .append(row("User", a.user()))
        .append(row("State", a.state()))
        .append(row("Started", time(a.startTime())))
        .append(a.endTime() > 0 ? row("Ended", time(a.endTime())) : "")
        .append(row("Duration", duration(a.duration())))
        .append(row("Executors", Integer.toString(a.activeExecutors())))
        .append(
            row(
                "Jobs",
                a.activeJobs()
                    + " running, "
                    + a.completedJobs()
                    + " succeeded, "
                    + a.failedJobs()
                    + " failed"))
        .append(a.failure() == null ? "" : row("Failure", a.failure()))
        .append("</table>");
    b.append("<h2>Executors over time</h2>").append(executorChart(a));
    b.append("<h2>Configuration</h2><table id=\"config\"><thead><tr><th>Key</th><th>Value</th>")
        .append("</tr></thead><tbody>");
    for (Map.Entry<String, String> e : a.config().entrySet()) {
      b.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td><td>")
          .append(esc(e.getValue()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    return page("Overview", "overview", b.toString());
  }

  private static String row(String k, String v) {
    return "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
  }

  /** A step chart of the live executor count from the start to now (or the end). */
  private static String executorChart(Views.Application a) {
    List<Views.ExecutorCount> points = a.executorCounts();
    if (points.isEmpty() || a.startTime() == 0) {
      return "<p>No executors yet.</p>";
    }
    int w = 600;
    int h = 120;
    long t0 = a.startTime();
    long t1 = Math.max(t0 + 1, a.startTime() + a.duration());
    int max = Math.max(1, points.stream().mapToInt(Views.ExecutorCount::executors).max().orElse(1));
    StringBuilder path = new StringBuilder();
    double lastY = h;
    for (int i = 0; i < points.size(); i++) {
      Views.ExecutorCount p = points.get(i);
      double x = (double) (Math.max(p.time(), t0) - t0) / (t1 - t0) * w;
      double y = h - (double) p.executors() / max * (h - 10);
      path.append(i == 0 ? "M" : " L")
          .append(fmt(x))
          .append(',')
          .append(fmt(i == 0 ? y : lastY))
          .append(i == 0 ? "" : " L" + fmt(x) + "," + fmt(y));
      lastY = y;
    }
    path.append(" L").append(w).append(',').append(fmt(lastY));
    return "<svg id=\"executor-count\" width=\""
        + w
        + "\" height=\""
        + (h + 4)
        + "\" viewBox=\"0 0 "
        + w
        + " "
        + (h + 4)
        + "\"><title>Live executors over time (max "
        + max
        + ")</title><path d=\""
        + path
        + "\" fill=\"none\" stroke=\"#1e6fd9\" stroke-width=\"2\"/><text x=\"4\" y=\"12\""
        + " font-size=\"11\" font-family=\"sans-serif\">"
        + max
        + "</text></svg>";
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  // ---- jobs ----

  String jobs() {
    List<Views.Job> jobs = app.store().jobs();
    StringBuilder b = new StringBuilder();
    b.append("<table id=\"jobs\"><thead><tr><th>Job</th><th>Description</th><th>Status</th>")
        .append("<th>Submitted</th><th>Duration</th><th>Stages: done / all</th>")
        .append("<th>Tasks: done / all</th><th>Failed tasks</th></tr></thead><tbody>");
    for (Views.Job j : jobs) {
      b.append("<tr><td><a href=\"job?id=")
          .append(j.jobId())
          .append("\">")
          .append(j.jobId())
          .append("</a></td><td>")
          .append(esc(j.name()))
          .append("</td><td class=\"")
          .append(stateClass(j.status()))
          .append("\">")
          .append(esc(j.status()))
          .append("</td><td>")
          .append(time(j.submissionTime()))
          .append("</td><td>")
          .append(duration(j.duration()))
          .append("</td><td>")
          .append(j.numCompletedStages())
          .append(" / ")
          .append(j.stageIds().size() - j.numSkippedStages())
          .append(j.numSkippedStages() > 0 ? " (" + j.numSkippedStages() + " skipped)" : "")
          .append("</td><td>")
          .append(progress(j.numCompletedTasks(), j.numActiveTasks(), j.numTasks()))
          .append("</td><td>")
          .append(j.numFailedTasks())
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    if (jobs.isEmpty()) {
      b.append("<p>No jobs yet.</p>");
    }
    return page("Jobs", "jobs", b.toString());
  }

  private static String progress(int done, int running, int total) {
    int pct = total == 0 ? 0 : (int) Math.min(100, 100L * done / total);
    int run = total == 0 ? 0 : (int) Math.min(100 - pct, 100L * running / total);
    return "<div class=\"bar\"><span class=\"done\" style=\"width:"
        + pct
        + "%\"></span><span class=\"running\" style=\"width:"
        + run
        + "%\"></span><em>"
        + done
        + (running > 0 ? " + " + running : "")
        + " / "
        + total
        + "</em></div>";
  }

  String job(UiRequest req) {
    Integer id = req.intParam("id");
    Views.Job j = id == null ? null : app.store().job(id);
    if (j == null) {
      return page("Job", "jobs", notFound("No job " + req.params().get("id") + " is known."));
    }
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"facts\">")
        .append(row("Description", j.name()))
        .append(row("Status", j.status()))
        .append(row("Submitted", time(j.submissionTime())))
        .append(row("Duration", duration(j.duration())))
        .append(
            row(
                "Tasks",
                j.numCompletedTasks()
                    + " done, "
                    + j.numActiveTasks()
                    + " running of "
                    + j.numTasks()))
        .append(j.failure() == null ? "" : row("Failure", j.failure()))
        .append("</table>");
    if (app.canKill() && "RUNNING".equals(j.status())) {
      b.append(killForm("job", j.jobId()));
    }
    List<Views.DagNode> dag = app.store().dag(j.jobId());
    b.append("<h2>DAG</h2><div class=\"dag-box\">")
        .append(DagSvg.render(dag))
        .append("</div><p class=\"legend\">")
        .append(legend("COMPLETE"))
        .append(legend("ACTIVE"))
        .append(legend("PENDING"))
        .append(legend("FAILED"))
        .append(legend("SKIPPED"))
        .append("</p><h2>Stages</h2>");
    b.append(stageTableHead());
    for (Views.DagNode n : dag) {
      Views.Stage s = app.store().latestStage(n.stageId());
      if (s != null && !"SKIPPED".equals(n.status()) && !"PENDING".equals(n.status())) {
        b.append(stageRow(s));
      } else {
        b.append("<tr><td>")
            .append(n.stageId())
            .append("</td><td>")
            .append(esc(n.name()))
            .append("</td><td class=\"")
            .append(stateClass(n.status()))
            .append("\">")
            .append(esc(n.status()))
            .append("</td><td></td><td></td><td>")
            .append(progress(0, 0, n.numTasks()))
            .append("</td><td></td><td></td><td></td><td></td></tr>");
      }
    }
    b.append("</tbody></table>");
    return page("Job " + j.jobId(), "jobs", b.toString());
  }

  private static String legend(String status) {
    String[] c = DagSvg.colors(status);
    return "<span class=\"swatch\" style=\"background:"
        + c[0]
        + ";border-color:"
        + c[1]
        + "\"></span>"
        + status.toLowerCase(Locale.ROOT)
        + " ";
  }

  private String killForm(String what, int id) {
    return "<form method=\"post\" action=\"kill?"
        + what
        + "="
        + id
        + "\" class=\"kill\" onsubmit=\"return confirm('Kill "
        + what
        + " "
        + id
        + "?')\"><input type=\"hidden\" name=\""
        + CsrfTokens.FIELD
        + "\" value=\""
        + CsrfTokens.token(user, app.store().application().id())
        + "\"><button type=\"submit\">Kill "
        + what
        + "</button></form>";
  }

  // ---- stages ----

  private static String stageTableHead() {
    return "<table id=\"stages\"><thead><tr><th>Stage</th><th>Description</th><th>Status</th>"
        + "<th>Submitted</th><th>Duration</th><th>Tasks: done / all</th><th>Input</th>"
        + "<th>Shuffle read</th><th>Shuffle write</th><th>Spill (memory / disk)</th>"
        + "</tr></thead><tbody>";
  }

  private static String stageRow(Views.Stage s) {
    TaskFigures t = s.totals();
    return "<tr><td><a href=\"stage?id="
        + s.stageId()
        + "&amp;attempt="
        + s.attempt()
        + "\">"
        + s.stageId()
        + (s.attempt() > 0 ? " (retry " + s.attempt() + ")" : "")
        + "</a></td><td>"
        + esc(s.name())
        + "</td><td class=\""
        + stateClass(s.status())
        + "\">"
        + esc(s.status())
        + "</td><td>"
        + time(s.submissionTime())
        + "</td><td>"
        + duration(s.duration())
        + "</td><td>"
        + progress(s.numCompleteTasks(), s.numActiveTasks(), s.numTasks())
        + (s.numFailedTasks() > 0
            ? " <span class=\"failed\">" + s.numFailedTasks() + " failed</span>"
            : "")
        + "</td><td>"
        + bytes(t.inputBytes())
        + "</td><td>"
        + bytes(t.shuffleReadBytes())
        + "</td><td>"
        + bytes(t.shuffleWriteBytes())
        + "</td><td>"
        + bytes(t.memoryBytesSpilled())
        + " / "
        + bytes(t.diskBytesSpilled())
        + "</td></tr>";
  }

  String stages() {
    StringBuilder b = new StringBuilder(stageTableHead());
    List<Views.Stage> stages = app.store().stages();
    stages.forEach(s -> b.append(stageRow(s)));
    b.append("</tbody></table>");
    if (stages.isEmpty()) {
      b.append("<p>No stages yet.</p>");
    }
    return page("Stages", "stages", b.toString());
  }

  String stage(UiRequest req) {
    Integer id = req.intParam("id");
    Integer attempt = req.intParam("attempt");
    Views.Stage s =
        id == null
            ? null
            : attempt == null ? app.store().latestStage(id) : app.store().stage(id, attempt);
    if (s == null) {
      return page(
          "Stage", "stages", notFound("No stage " + req.params().get("id") + " is known (yet)."));
    }
    TaskFigures t = s.totals();
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"facts\">")
        .append(row("Description", s.name()))
        .append(row("Status", s.status()))
        .append(row("Attempt", Integer.toString(s.attempt())))
        .append(row("Jobs", s.jobIds().toString()))
        .append(row("Parents", s.parentIds().toString()))
        .append(row("Duration", duration(s.duration())))
        .append(
            row(
                "Tasks",
                s.numCompleteTasks()
                    + " done, "
                    + s.numActiveTasks()
                    + " running, "
                    + s.numFailedTasks()
                    + " failed, "
                    + s.numKilledTasks()
                    + " killed or lost, of "
                    + s.numTasks()))
        .append(row("Input", bytes(t.inputBytes()) + " / " + t.inputRecords() + " records"))
        .append(row("Output", bytes(t.outputBytes()) + " / " + t.outputRecords() + " records"))
        .append(
            row(
                "Shuffle read",
                bytes(t.shuffleReadBytes()) + " / " + t.shuffleReadRecords() + " records"))
        .append(
            row(
                "Shuffle write",
                bytes(t.shuffleWriteBytes()) + " / " + t.shuffleWriteRecords() + " records"))
        .append(
            row(
                "Spill (memory / disk)",
                bytes(t.memoryBytesSpilled()) + " / " + bytes(t.diskBytesSpilled())))
        .append(s.failure() == null ? "" : row("Failure", s.failure()))
        .append("</table>");
    if (app.canKill() && "ACTIVE".equals(s.status())) {
      b.append(killForm("stage", s.stageId()));
    }
    List<Views.Task> tasks = app.store().tasks(s.stageId(), s.attempt());
    b.append("<h2>Tasks</h2><table id=\"tasks\"><thead><tr><th>Index</th><th>Task</th>")
        .append("<th>Attempt</th><th>Status</th><th>Executor</th><th>Host</th><th>Locality</th>")
        .append("<th>Launched</th><th>Duration</th><th>GC time</th><th>Input</th>")
        .append("<th>Shuffle read</th><th>Shuffle write</th><th>Spill (memory / disk)</th>")
        .append("<th>Error</th></tr></thead><tbody>");
    for (Views.Task task : tasks) {
      TaskFigures m = task.metrics() == null ? TaskFigures.ZERO : task.metrics();
      b.append("<tr><td>")
          .append(task.index())
          .append("</td><td>")
          .append(task.taskId())
          .append("</td><td>")
          .append(task.attempt())
          .append("</td><td class=\"")
          .append(stateClass(task.status()))
          .append("\">")
          .append(esc(task.status()))
          .append("</td><td>")
          .append(esc(task.executorId()))
          .append("</td><td>")
          .append(esc(task.host()))
          .append("</td><td>")
          .append(esc(task.locality()))
          .append("</td><td>")
          .append(time(task.launchTime()))
          .append("</td><td>")
          .append(duration(task.duration()))
          .append("</td><td>")
          .append(duration(m.gcTimeMillis()))
          .append("</td><td>")
          .append(bytes(m.inputBytes()))
          .append(" / ")
          .append(m.inputRecords())
          .append("</td><td>")
          .append(bytes(m.shuffleReadBytes()))
          .append(" / ")
          .append(m.shuffleReadRecords())
          .append("</td><td>")
          .append(bytes(m.shuffleWriteBytes()))
          .append(" / ")
          .append(m.shuffleWriteRecords())
          .append("</td><td>")
          .append(bytes(m.memoryBytesSpilled()))
          .append(" / ")
          .append(bytes(m.diskBytesSpilled()))
          .append("</td><td class=\"error\">")
          .append(esc(task.error()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    return page(
        "Stage " + s.stageId() + (s.attempt() > 0 ? " (attempt " + s.attempt() + ")" : ""),
        "stages",
        b.toString());
  }

  // ---- executors and storage ----

  String executors() {
    StringBuilder b = new StringBuilder();
    b.append("<table id=\"executors\"><thead><tr><th>Executor</th><th>Host</th><th>Status</th>")
        .append("<th>Cores</th><th>Storage memory used / heap</th><th>Disk used</th>")
        .append("<th>Active tasks</th><th>Completed tasks</th><th>Failed tasks</th>")
        .append("<th>Task time (GC)</th><th>Input</th><th>Shuffle read</th>")
        .append("<th>Shuffle write</th><th>Logs</th></tr></thead><tbody>");
    for (Views.Executor e : app.store().executors()) {
      b.append("<tr><td>")
          .append(esc(e.id()))
          .append("</td><td>")
          .append(esc(e.host()))
          .append("</td><td")
          .append(e.active() ? ">active" : " title=\"" + esc(e.removeReason()) + "\">removed")
          .append("</td><td>")
          .append(e.cores())
          .append("</td><td>")
          .append(bytes(e.storageMemoryUsed()))
          .append(" / ")
          .append(bytes(e.maxMemory()))
          .append("</td><td>")
          .append(bytes(e.storageDiskUsed()))
          .append("</td><td>")
          .append(e.activeTasks())
          .append("</td><td>")
          .append(e.completedTasks())
          .append("</td><td>")
          .append(e.failedTasks())
          .append("</td><td>")
          .append(duration(e.totalDuration()))
          .append(" (")
          .append(duration(e.totalGcTime()))
          .append(")</td><td>")
          .append(bytes(e.inputBytes()))
          .append("</td><td>")
          .append(bytes(e.shuffleRead()))
          .append("</td><td>")
          .append(bytes(e.shuffleWrite()))
          .append("</td><td>")
          .append(
              e.logUrl() == null
                  ? ""
                  : "<a class=\"logs\" href=\"" + esc(e.logUrl()) + "\">logs</a>")
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    return page("Executors", "executors", b.toString());
  }

  String storage() {
    StringBuilder b = new StringBuilder();
    b.append("<table id=\"storage\"><thead><tr><th>Dataset</th><th>Storage level</th>")
        .append("<th>Cached partitions</th><th>Fraction cached</th><th>Memory</th><th>Disk</th>")
        .append("</tr></thead><tbody>");
    List<Views.Dataset> datasets = app.store().datasets();
    for (Views.Dataset d : datasets) {
      b.append("<tr><td><a href=\"dataset?id=")
          .append(d.id())
          .append("\">")
          .append(esc(d.name()))
          .append("</a></td><td>")
          .append(esc(d.storageLevel()))
          .append("</td><td>")
          .append(d.numCachedPartitions())
          .append(" / ")
          .append(d.numPartitions())
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.0f%%", d.fractionCached() * 100))
          .append("</td><td>")
          .append(bytes(d.memoryUsed()))
          .append("</td><td>")
          .append(bytes(d.diskUsed()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    if (datasets.isEmpty()) {
      b.append("<p>No cached datasets.</p>");
    }
    return page("Storage", "storage", b.toString());
  }

  String dataset(UiRequest req) {
    Integer id = req.intParam("id");
    Views.Dataset d =
        app.store().datasets().stream()
            .filter(x -> id != null && x.id() == id)
            .findFirst()
            .orElse(null);
    if (d == null) {
      return page("Dataset", "storage", notFound("No cached dataset " + req.params().get("id")));
    }
    StringBuilder b = new StringBuilder();
    b.append("<table id=\"blocks\"><thead><tr><th>Partition</th><th>Executor</th>")
        .append("<th>Memory</th><th>Disk</th></tr></thead><tbody>");
    for (Views.Block blk : d.blocks()) {
      b.append("<tr><td>")
          .append(blk.partition())
          .append("</td><td>")
          .append(esc(blk.executorId()))
          .append("</td><td>")
          .append(bytes(blk.memoryBytes()))
          .append("</td><td>")
          .append(bytes(blk.diskBytes()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    return page(d.name(), "storage", b.toString());
  }
}
