package dev.weft.yarn.am.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splitting option strings into words and quoting words for the shell that runs a container's
 * command (the NodeManager joins the command's words with spaces into a bash script).
 */
public final class ShellWords {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:./-]+");

  private ShellWords() {}

  /**
   * Splits {@code options} on whitespace; single or double quotes keep a word together and are
   * removed.
   *
   * @throws IllegalArgumentException naming the string when a quote is not closed
   */
  public static List<String> split(String options) {
    List<String> words = new ArrayList<>();
    if (options == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("Unclosed " + quote + " quote in '" + options + "'");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * {@code word} as one bash word: unchanged when it has no special characters, else in single
   * quotes. Words with the NodeManager's expansion markers ({@code {{PWD}}}, {@code <LOG_DIR>})
   * must not go through here.
   */
  public static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
