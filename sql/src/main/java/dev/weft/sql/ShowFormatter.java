package dev.weft.sql;

import dev.weft.sql.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The table {@code show()} prints, cell for cell as Spark's. */
final class ShowFormatter {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ShowFormatter() {}

  /**
   * @param rows up to {@code numRows + 1} rows (one more tells that there are more)
   * @param truncate the longest cell; longer ones are cut to {@code truncate - 3} characters and
   *     "..."; 0 shows whole cells, left-aligned
   */
  static String format(StructType schema, List<Row> rows, int numRows, int truncate) {
    boolean more = rows.size() > numRows;
    List<Row> shown = more ? rows.subList(0, numRows) : rows;
    int cols = schema.size();
    List<String[]> cells = new ArrayList<>();
    String[] header = new String[cols];
    for (int i = 0; i < cols; i++) {
      header[i] = cut(schema.field(i).name(), truncate);
    }
    cells.add(header);
    for (Row r : shown) {
      String[] line = new String[cols];
      for (int i = 0; i < cols; i++) {
        line[i] = cut(cell(r.get(i)), truncate);
      }
      cells.add(line);
    }
    int[] widths = new int[cols];
    for (String[] line : cells) {
      for (int i = 0; i < cols; i++) {
        widths[i] = Math.max(Math.max(widths[i], 3), line[i].codePointCount(0, line[i].length()));
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : widths) {
      sep.append("-".repeat(w)).append('+');
    }
    sep.append('\n');
    StringBuilder b = new StringBuilder(sep);
    for (int l = 0; l < cells.size(); l++) {
      b.append('|');
      for (int i = 0; i < cols; i++) {
        String c = cells.get(l)[i];
        String pad = " ".repeat(widths[i] - c.codePointCount(0, c.length()));
        b.append(truncate > 0 ? pad + c : c + pad).append('|');
      }
      b.append('\n');
      if (l == 0) {
        b.append(sep);
      }
    }
    b.append(sep);
    if (more) {
      b.append("only showing top ").append(numRows).append(numRows == 1 ? " row\n" : " rows\n");
    }
    return b.toString();
  }

  private static String cut(String s, int truncate) {
    if (truncate <= 0 || s.length() <= truncate) {
      return s;
    }
    return truncate < 4 ? s.substring(0, truncate) : s.substring(0, truncate - 3) + "...";
  }

  static String cell(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof byte[] bytes) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < bytes.length; i++) {
        if (i > 0) {
          b.append(' ');
        }
        b.append(String.format("%02X", bytes[i]));
      }
      return b.append(']').toString();
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Instant t) {
      String base = TIMESTAMP.format(t);
      int nanos = t.getNano();
      if (nanos == 0) {
        return base;
      }
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      return base + "." + fraction;
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object e : list) {
        parts.add(cell(e));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        parts.add(cell(e.getKey()) + " -> " + cell(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof Row r) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        parts.add(cell(r.get(i)));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }
}
