package dev.weft.bench.weft;

import static dev.weft.api.Filters.col;

import dev.weft.api.Broadcast;
import dev.weft.api.Dataset;
import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.bench.RunnerArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The benchmark workloads written with Weft's dataset API, the way a Weft user would write them.
 * Each reads its input from the data directory and saves its result as text part files in the
 * formats of benchmarks/README.md.
 */
final class WeftWorkloads {
  private static final int PAGERANK_ITERATIONS = 10;

  private WeftWorkloads() {}

  /** Words are the lines' space-separated tokens; writes {@code word<TAB>count}. */
  static void wordCount(WeftContext weft, RunnerArgs args) {
    weft.textFile(args.input("text"))
        .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
        .mapToPair(word -> new Tuple2<>(word, 1L))
        .reduceByKey(Long::sum)
        .map(t -> t._1() + "\t" + t._2())
        .saveAsTextFile(args.output());
  }

  /**
   * Sorts the 100-byte records by their 10-byte key; part files come out in key order. The keys are
   * printable ASCII, so String order is the unsigned byte order the check expects.
   */
  static void sort(WeftContext weft, RunnerArgs args) {
    weft.textFile(args.input("sort"))
        .mapToPair(line -> new Tuple2<>(line.substring(0, 10), line))
        .sortByKey()
        .values()
        .saveAsTextFile(args.output());
  }

  /** Customers older than 25, sum of sales per country; writes {@code country<TAB>sum}. */
  static void etl(WeftContext weft, RunnerArgs args) {
    weft.parquet(args.input("customers"))
        .select("country", "sales")
        .where(col("age").gt(25))
        .mapToPair(r -> new Tuple2<>(r.get("country").toString(), (Double) r.get("sales")))
        .reduceByKey(Double::sum)
        .map(t -> t._1() + "\t" + t._2())
        .saveAsTextFile(args.output());
  }

  /**
   * {@link #etl}'s customers joined with the countries on {@code country = code}, sum of sales per
   * country name; writes {@code name<TAB>sum}. The countries table has 50 rows, so this is a
   * map-side join: its code-to-name map is collected and broadcast, and the customers are never
   * shuffled for the join (an inner join: a customer whose code is not in the table is dropped).
   */
  static void etlJoin(WeftContext weft, RunnerArgs args) {
    Map<String, String> names =
        weft.parquet(args.input("countries"))
            .select("code", "name")
            .mapToPair(r -> new Tuple2<>(r.get("code").toString(), r.get("name").toString()))
            .collectAsMap();
    Broadcast<Map<String, String>> codeToName = weft.broadcast(names);
    weft.parquet(args.input("customers"))
        .select("country", "sales")
        .where(col("age").gt(25))
        .mapToPair(
            r ->
                new Tuple2<>(
                    codeToName.value().get(r.get("country").toString()), (Double) r.get("sales")))
        .filter(nameAndSales -> nameAndSales._1() != null)
        .reduceByKey(Double::sum)
        .map(t -> t._1() + "\t" + t._2())
        .saveAsTextFile(args.output());
  }

  /** Ten iterations of the classic PageRank over {@code src dst} lines; links cached. */
  static void pageRank(WeftContext weft, RunnerArgs args) {
    PairDataset<Long, Iterable<Long>> links =
        weft.textFile(args.input("graph"))
            .mapToPair(
                line -> {
                  int space = line.indexOf(' ');
                  return new Tuple2<>(
                      Long.parseLong(line.substring(0, space)),
                      Long.parseLong(line.substring(space + 1)));
                })
            .distinct()
            .groupByKey()
            .cache();
    PairDataset<Long, Double> ranks = links.mapValues(dsts -> 1.0);
    for (int i = 0; i < PAGERANK_ITERATIONS; i++) {
      Dataset<Tuple2<Long, Double>> contributions =
          links
              .join(ranks)
              .values()
              .flatMap(
                  linksAndRank -> {
                    List<Long> dsts = new ArrayList<>();
                    linksAndRank._1().forEach(dsts::add);
                    double share = linksAndRank._2() / dsts.size();
                    List<Tuple2<Long, Double>> out = new ArrayList<>(dsts.size());
                    for (Long dst : dsts) {
                      out.add(new Tuple2<>(dst, share));
                    }
                    return out.iterator();
                  });
      // Dataset has no flatMapToPair: the identity mapToPair makes the pairs a PairDataset.
      ranks =
          contributions
              .mapToPair(t -> t)
              .reduceByKey(Double::sum)
              .mapValues(sum -> 0.15 + 0.85 * sum);
    }
    ranks.map(t -> t._1() + "\t" + t._2()).saveAsTextFile(args.output());
  }

  /** Parallelizes the ints 0..999 in 2 partitions and counts them. */
  static long trivial(WeftContext weft) {
    List<Integer> ints = new ArrayList<>(1000);
    for (int i = 0; i < 1000; i++) {
      ints.add(i);
    }
    return weft.parallelize(ints, 2).count();
  }
}
