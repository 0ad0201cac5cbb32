package dev.weft.bench.gen;

import dev.weft.bench.DataLayout;
import dev.weft.bench.Scale;
import dev.weft.bench.check.LineDigest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates a whole data directory for a {@link Scale}, inputs and expected results, and writes
 * {@link DataLayout#COMPLETE} last: a directory without it (an interrupted generation) is wiped and
 * generated again; one with it is reused as is. The line items came later: a complete directory
 * without their expected result ({@link DataLayout#EXPECTED_LINEITEM}, written after the table)
 * gets them generated, the rest kept.
 */
public final class DataGenerator {
  /** PageRank's iterations, in the runners and in the expected result. */
  public static final int PAGERANK_ITERATIONS = 10;

  private final PrintStream log;

  /** A generator that reports its progress on {@code log}. */
  public DataGenerator(PrintStream log) {
    this.log = log;
  }

  /**
   * Makes sure {@code layout} holds the complete data of {@code scale}.
   *
   * @return true if it was generated now, false if it was already complete
   * @throws IllegalArgumentException when the directory holds the complete data of another scale
   *     (it is never wiped then: it may be someone's generated data set)
   */
  public boolean ensure(DataLayout layout, Scale scale) throws IOException {
    if (Files.exists(layout.completeMarker())) {
      String marker = Files.readString(layout.completeMarker()).trim();
      if (!marker.equals(markerText(scale))) {
        throw new IllegalArgumentException(
            "the data in "
                + layout.root()
                + " is '"
                + marker
                + "', not scale="
                + scale.id()
                + "; pass --scale to match it or --data with another directory");
      }
      if (Files.exists(layout.expected(DataLayout.EXPECTED_LINEITEM))) {
        return false;
      }
      lineItems(layout, scale);
      return true;
    }
    for (String dir :
        List.of(
            DataLayout.TEXT,
            DataLayout.SORT,
            DataLayout.CUSTOMERS,
            DataLayout.COUNTRIES,
            DataLayout.GRAPH,
            DataLayout.LINEITEM,
            DataLayout.EXPECTED)) {
      deleteTree(layout.resolve(dir));
    }
    Files.createDirectories(layout.resolve(DataLayout.EXPECTED));
    long start = System.nanoTime();
    text(layout, scale);
    sort(layout, scale);
    customers(layout, scale);
    graph(layout, scale);
    lineItems(layout, scale);
    Files.writeString(layout.completeMarker(), markerText(scale) + "\n");
    log.printf("weft-bench: data generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    return true;
  }

  private static String markerText(Scale scale) {
    return "scale=" + scale.id();
  }

  private void text(DataLayout layout, Scale scale) throws IOException {
    long t = System.nanoTime();
    TextGenerator gen = new TextGenerator();
    long[] counts = gen.generate(layout.resolve(DataLayout.TEXT), scale.textBytes());
    try (BufferedWriter out = writer(layout.expected(DataLayout.EXPECTED_WORDCOUNT))) {
      for (int rank = 0; rank < counts.length; rank++) {
        if (counts[rank] > 0) {
          out.write(gen.vocabulary().word(rank) + "\t" + counts[rank] + "\n");
        }
      }
    }
    done("text", t);
  }

  private void sort(DataLayout layout, Scale scale) throws IOException {
    long t = System.nanoTime();
    LineDigest digest =
        new SortGenerator().generate(layout.resolve(DataLayout.SORT), scale.sortRecords());
    Files.writeString(
        layout.expected(DataLayout.EXPECTED_SORT),
        "records=" + digest.count() + "\nchecksum=" + Long.toHexString(digest.sum()) + "\n");
    done("sort", t);
  }

  private void customers(DataLayout layout, Scale scale) throws IOException {
    long t = System.nanoTime();
    CustomerGenerator gen = new CustomerGenerator();
    long[] cents = gen.generateCustomers(layout.resolve(DataLayout.CUSTOMERS), scale.customers());
    gen.generateCountries(layout.resolve(DataLayout.COUNTRIES));
    try (BufferedWriter etl = writer(layout.expected(DataLayout.EXPECTED_ETL));
        BufferedWriter join = writer(layout.expected(DataLayout.EXPECTED_ETL_JOIN))) {
      for (int i = 0; i < cents.length; i++) {
        if (cents[i] > 0) {
          String sum = BigDecimal.valueOf(cents[i], 2).toPlainString();
          etl.write(CustomerGenerator.code(i) + "\t" + sum + "\n");
          join.write(CustomerGenerator.name(i) + "\t" + sum + "\n");
        }
      }
    }
    done("customers", t);
  }

  private void graph(DataLayout layout, Scale scale) throws IOException {
    long t = System.nanoTime();
    GraphGenerator gen = new GraphGenerator();
    Graph graph = gen.grow(Math.toIntExact(scale.edges()));
    gen.write(graph, layout.resolve(DataLayout.GRAPH));
    double[] ranks = PageRankReference.ranks(graph, PAGERANK_ITERATIONS);
    try (BufferedWriter out = writer(layout.expected(DataLayout.EXPECTED_PAGERANK))) {
      for (int v = 0; v < ranks.length; v++) {
        if (!Double.isNaN(ranks[v])) {
          out.write(v + "\t" + ranks[v] + "\n");
        }
      }
    }
    done("graph", t);
  }

  private void lineItems(DataLayout layout, Scale scale) throws IOException {
    long t = System.nanoTime();
    Path expected = layout.expected(DataLayout.EXPECTED_LINEITEM);
    Files.deleteIfExists(expected);
    deleteTree(layout.resolve(DataLayout.LINEITEM));
    List<String> lines =
        new LineItemGenerator().generate(layout.resolve(DataLayout.LINEITEM), scale.lineItems());
    Path partial = expected.resolveSibling(DataLayout.EXPECTED_LINEITEM + ".tmp");
    Files.write(partial, lines, StandardCharsets.US_ASCII);
    Files.move(partial, expected, StandardCopyOption.REPLACE_EXISTING);
    done("line items", t);
  }

  private void done(String what, long startNanos) {
    log.printf(
        "weft-bench: generated %s in %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
  }

  private static BufferedWriter writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
