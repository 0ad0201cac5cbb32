package dev.weft.yarn.am;

/** The HTML of the driver's status page. Links are relative (see {@link StatusServer}). */
final class StatusPage {
  private StatusPage() {}

  static String html(String appName, DriverStatus s) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"5\">")
        .append("<title>")
        .append(escape(appName))
        .append(" - Weft</title></head><body>")
        .append("<h1>")
        .append(escape(appName))
        .append("</h1><p>State: <b>")
        .append(escape(s.state()))
        .append("</b> &middot; Executors: ")
        .append(s.executors())
        .append(" &middot; <a href=\"")
        .append(AmLaunch.STATUS_PATH.substring(1))
        .append("\">status JSON</a></p>");
    if (s.diagnostics() != null) {
      b.append("<pre>").append(escape(s.diagnostics())).append("</pre>");
    }
    b.append("<h2>Running stages</h2>");
    if (s.stages().isEmpty()) {
      b.append("<p>None.</p>");
    } else {
      b.append("<table border=\"1\" cellpadding=\"4\"><tr><th>Stage</th><th>Name</th>")
          .append("<th>Tasks done / total</th><th>Running</th><th>Failed</th></tr>");
      for (DriverStatus.StageProgress p : s.stages()) {
        b.append("<tr><td>")
            .append(p.stageId())
            .append(p.attempt() > 0 ? " (attempt " + p.attempt() + ")" : "")
            .append("</td><td>")
            .append(escape(p.name()))
            .append("</td><td>")
            .append(p.succeeded())
            .append(" / ")
            .append(p.tasks())
            .append("</td><td>")
            .append(p.running())
            .append("</td><td>")
            .append(p.failed())
            .append("</td></tr>");
      }
      b.append("</table>");
    }
    return b.append("</body></html>").toString();
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
