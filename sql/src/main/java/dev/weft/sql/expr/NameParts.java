package dev.weft.sql.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits column names at dots, keeping backquoted parts whole ({@code `a.b`.c}). */
public final class NameParts {
  private NameParts() {}

  public static List<String> parse(String name) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '`') {
        if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '`') {
          cur.append('`');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == '.' && !quoted) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Unclosed backquote in column name: " + name);
    }
    parts.add(cur.toString());
    return parts;
  }
}
