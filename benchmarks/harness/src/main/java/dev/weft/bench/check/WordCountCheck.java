package dev.weft.bench.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Word count: exactly the expected words, each with exactly its expected count. */
public final class WordCountCheck implements OutputCheck {
  private final Path expected;

  /** A check against the expected {@code word<TAB>count} file. */
  public WordCountCheck(Path expected) {
    this.expected = expected;
  }

  @Override
  public void check(Path output) throws CheckFailure, IOException {
    Map<String, String> want = KeyedLines.read("wordcount", List.of(expected));
    Map<String, String> got = KeyedLines.read("wordcount", PartFiles.list("wordcount", output));
    for (Map.Entry<String, String> e : got.entrySet()) {
      String count = want.get(e.getKey());
      if (count == null) {
        throw new CheckFailure(
            "wordcount: '" + KeyedLines.clip(e.getKey()) + "' is not a word of the input");
      }
      if (!count.equals(e.getValue().strip())) {
        throw new CheckFailure(
            "wordcount: '"
                + e.getKey()
                + "' counted "
                + KeyedLines.clip(e.getValue())
                + " expected "
                + count);
      }
    }
    if (got.size() < want.size()) {
      String example =
          want.keySet().stream().filter(w -> !got.containsKey(w)).findFirst().orElseThrow();
      throw new CheckFailure(
          "wordcount: missing "
              + (want.size() - got.size())
              + " of "
              + want.size()
              + " words, e.g. '"
              + example
              + "'");
    }
  }
}
