package dev.weft.sql.expr.string;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiled regular expressions, shared: a pattern is usually a literal, so each distinct one is
 * compiled once per JVM (the cache is emptied when it grows past a bound).
 */
final class Patterns {
  private static final int MAX = 1024;
  private static final Map<String, Pattern> REGEX = new ConcurrentHashMap<>();
  private static final Map<String, Pattern> LIKE = new ConcurrentHashMap<>();

  private Patterns() {}

  /** A Java regular expression; a malformed one fails with a message naming it and the function. */
  static Pattern regex(String regex, String function) {
    Pattern p = REGEX.get(regex);
    if (p == null) {
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "Invalid regular expression '" + regex + "' in " + function + ": " + e.getDescription(),
            e);
      }
      if (REGEX.size() >= MAX) {
        REGEX.clear();
      }
      REGEX.put(regex, p);
    }
    return p;
  }

  /** A SQL LIKE pattern with its escape character, as a whole-string regular expression. */
  static Pattern like(String pattern, char escape) {
    String key = escape + pattern;
    Pattern p = LIKE.get(key);
    if (p == null) {
      p = Pattern.compile(likeToRegex(pattern, escape), Pattern.DOTALL);
      if (LIKE.size() >= MAX) {
        LIKE.clear();
      }
      LIKE.put(key, p);
    }
    return p;
  }

  /**
   * {@code _} is any one character, {@code %} any sequence; the escape character makes the next
   * {@code _}, {@code %} or escape character literal, and may precede nothing else (Spark's rule).
   */
  static String likeToRegex(String pattern, char escape) {
    StringBuilder b = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == escape) {
        if (i + 1 >= pattern.length()) {
          throw new IllegalArgumentException(
              "the LIKE pattern '" + pattern + "' ends with the escape character '" + escape + "'");
        }
        char next = pattern.charAt(++i);
        if (next != '_' && next != '%' && next != escape) {
          throw new IllegalArgumentException(
              "the escape character '"
                  + escape
                  + "' may only precede '_', '%' or itself in the LIKE pattern '"
                  + pattern
                  + "'");
        }
        literal.append(next);
      } else if (c == '_' || c == '%') {
        flush(b, literal);
        b.append(c == '_' ? "." : ".*");
      } else {
        literal.append(c);
      }
    }
    flush(b, literal);
    return b.toString();
  }

  private static void flush(StringBuilder b, StringBuilder literal) {
    if (literal.length() > 0) {
      b.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }
}
