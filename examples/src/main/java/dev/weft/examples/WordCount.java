package dev.weft.examples;

import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.Arrays;
import java.util.Locale;

/**
 * Counts the words of text files and writes {@code word<TAB>count} lines, most frequent first.
 *
 * <pre>
 * bin/yarn-submit --class dev.weft.examples.WordCount \
 *     examples/target/weft-examples.jar INPUT OUTPUT
 * </pre>
 */
public final class WordCount {
  private WordCount() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("Usage: WordCount <input path> <output path>");
      System.exit(2);
    }
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("WordCount"))) {
      PairDataset<String, Long> counts =
          weft.textFile(args[0])
              .flatMap(
                  line ->
                      Arrays.stream(line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                          .filter(w -> !w.isEmpty())
                          .iterator())
              .mapToPair(word -> new Tuple2<>(word, 1L))
              .reduceByKey(Long::sum);
      counts
          .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
          .sortByKey(false)
          .map(t -> t._2() + "\t" + t._1())
          .saveAsTextFile(args[1]);
    }
  }
}
