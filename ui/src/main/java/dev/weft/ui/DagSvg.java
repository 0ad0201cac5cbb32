package dev.weft.ui;

import dev.weft.core.status.Views;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a job's DAG as inline SVG: one box per stage, placed in columns by depth (a stage sits one
 * column right of its deepest parent), arrows from parents to children, colored by the stage's
 * state in the job. Each box links to its stage's page. Generated on the server: no script.
 */
public final class DagSvg {
  static final int BOX_W = 190;
  static final int BOX_H = 58;
  static final int COL_GAP = 70;
  static final int ROW_GAP = 24;
  static final int MARGIN = 12;

  private DagSvg() {}

  /** The {@code <svg id="dag">} element for {@code stages}. */
  public static String render(List<Views.DagNode> stages) {
    Map<Integer, Views.DagNode> byId = new HashMap<>();
    stages.forEach(s -> byId.put(s.stageId(), s));
    Map<Integer, Integer> depth = new HashMap<>();
    for (Views.DagNode s : stages) {
      depthOf(s.stageId(), byId, depth, new ArrayList<>());
    }
    Map<Integer, Integer> rowsPerColumn = new HashMap<>();
    Map<Integer, int[]> position = new HashMap<>();
    for (Views.DagNode s : stages) { // stages are sorted by id: parents usually come first
      int col = depth.get(s.stageId());
      int row = rowsPerColumn.merge(col, 1, Integer::sum) - 1;
      position.put(
          s.stageId(),
          new int[] {MARGIN + col * (BOX_W + COL_GAP), MARGIN + row * (BOX_H + ROW_GAP)});
    }
    int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    int rows = rowsPerColumn.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int width = Math.max(1, 2 * MARGIN + columns * BOX_W + Math.max(0, columns - 1) * COL_GAP);
    int height = Math.max(1, 2 * MARGIN + rows * BOX_H + Math.max(0, rows - 1) * ROW_GAP);

    StringBuilder b = new StringBuilder();
    b.append("<svg id=\"dag\" class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"Stages of the job and their dependencies\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
    for (Views.DagNode s : stages) {
      int[] to = position.get(s.stageId());
      for (int p : s.parentIds()) {
        int[] from = position.get(p);
        if (from == null) {
          continue;
        }
        b.append("<line class=\"edge\" data-from=\"")
            .append(p)
            .append("\" data-to=\"")
            .append(s.stageId())
            .append("\" x1=\"")
            .append(from[0] + BOX_W)
            .append("\" y1=\"")
            .append(from[1] + BOX_H / 2)
            .append("\" x2=\"")
            .append(to[0])
            .append("\" y2=\"")
            .append(to[1] + BOX_H / 2)
            .append("\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
      }
    }
    for (Views.DagNode s : stages) {
      int[] at = position.get(s.stageId());
      String[] colors = colors(s.status());
      b.append("<a href=\"stage?id=")
          .append(s.stageId())
          .append("&amp;attempt=")
          .append(s.attempt())
          .append("\"><g class=\"stage ")
          .append(Html.stateClass(s.status()))
          .append("\" data-stage=\"")
          .append(s.stageId())
          .append("\" data-status=\"")
          .append(Html.esc(s.status()))
          .append("\"><title>Stage ")
          .append(s.stageId())
          .append(": ")
          .append(Html.esc(s.name()))
          .append(" (")
          .append(Html.esc(s.status()))
          .append(")</title><rect x=\"")
          .append(at[0])
          .append("\" y=\"")
          .append(at[1])
          .append("\" width=\"")
          .append(BOX_W)
          .append("\" height=\"")
          .append(BOX_H)
          .append("\" rx=\"6\" fill=\"")
          .append(colors[0])
          .append("\" stroke=\"")
          .append(colors[1])
          .append("\" stroke-width=\"1.5\"")
          .append(s.status().equals("SKIPPED") ? " stroke-dasharray=\"4 3\"" : "")
          .append("/>")
          .append(text(at[0] + 10, at[1] + 20, "bold", "Stage " + s.stageId()))
          .append(text(at[0] + 10, at[1] + 36, "", shorten(s.name(), 28)))
          .append(
              text(
                  at[0] + 10,
                  at[1] + 51,
                  "",
                  s.numTasks()
                      + " tasks · "
                      + s.status().toLowerCase(java.util.Locale.ROOT)
                      + (s.shuffleMap() ? " · shuffle" : "")))
          .append("</g></a>");
    }
    return b.append("</svg>").toString();
  }

  private static int depthOf(
      int id, Map<Integer, Views.DagNode> byId, Map<Integer, Integer> depth, List<Integer> path) {
    Integer known = depth.get(id);
    if (known != null) {
      return known;
    }
    Views.DagNode s = byId.get(id);
    int d = 0;
    if (s != null && !path.contains(id)) {
      path.add(id);
      for (int p : s.parentIds()) {
        if (byId.containsKey(p)) {
          d = Math.max(d, depthOf(p, byId, depth, path) + 1);
        }
      }
      path.remove(path.size() - 1);
    }
    depth.put(id, d);
    return d;
  }

  /** Fill and stroke of a stage box. */
  static String[] colors(String status) {
    return switch (status) {
      case "COMPLETE" -> new String[] {"#d4edda", "#28a745"};
      case "ACTIVE" -> new String[] {"#cce5ff", "#1e6fd9"};
      case "FAILED" -> new String[] {"#f8d7da", "#c82333"};
      case "SKIPPED" -> new String[] {"#f4f4f4", "#aaaaaa"};
      default -> new String[] {"#ffffff", "#888888"}; // PENDING
    };
  }

  private static String text(int x, int y, String weight, String s) {
    return "<text x=\""
        + x
        + "\" y=\""
        + y
        + "\" font-family=\"sans-serif\" font-size=\"12\""
        + (weight.isEmpty() ? "" : " font-weight=\"" + weight + "\"")
        + " fill=\"#222\">"
        + Html.esc(s)
        + "</text>";
  }

  private static String shorten(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
