package dev.weft.ui.history;

import dev.weft.core.status.Views;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The history server's list of applications. Links are relative to the server's root. */
final class HistoryPage {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private HistoryPage() {}

  static String html(List<HistoryProvider.Entry> entries) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Weft history</title><link rel=\"stylesheet\" href=\"static/weft.css\">")
        .append("</head><body><header><span class=\"brand\">Weft</span> history</header>")
        .append("<main id=\"content\"><h1>Applications</h1>")
        .append("<table id=\"applications\"><thead><tr><th>Application</th><th>Attempt</th>")
        .append("<th>Name</th><th>User</th><th>State</th><th>Started</th><th>Ended</th>")
        .append("<th>Duration</th><th>Jobs</th></tr></thead><tbody>");
    for (HistoryProvider.Entry e : entries) {
      Views.Application a = e.store().application();
      b.append("<tr><td><a href=\"history/")
          .append(esc(e.name()))
          .append("/\">")
          .append(esc(a.id() == null ? e.name() : a.id()))
          .append("</a></td><td>")
          .append(esc(a.attemptId()))
          .append("</td><td>")
          .append(esc(a.name()))
          .append("</td><td>")
          .append(esc(a.user()))
          .append("</td><td>")
          .append(esc(e.error() != null ? "UNREADABLE: " + e.error() : a.state()))
          .append("</td><td>")
          .append(time(a.startTime()))
          .append("</td><td>")
          .append(time(a.endTime()))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f s", a.duration() / 1000.0))
          .append("</td><td>")
          .append(a.completedJobs() + a.failedJobs() + a.activeJobs())
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    if (entries.isEmpty()) {
      b.append("<p>No event logs in the history directory yet.</p>");
    }
    return b.append("</main></body></html>").toString();
  }

  private static String time(long t) {
    return t <= 0 ? "" : TIME.format(Instant.ofEpochMilli(t));
  }

  private static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
