package dev.weft.bench.spark;

import dev.weft.bench.RunnerArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Word count, sort, PageRank and the trivial job with Spark's RDD API, the way a Spark user writes
 * them (PageRank as Spark's own JavaPageRank example does it, with numeric node ids).
 */
final class SparkRddWorkloads {
  private static final int PAGERANK_ITERATIONS = 10;

  private SparkRddWorkloads() {}

  /** Words are the lines' space-separated tokens; writes {@code word<TAB>count}. */
  static void wordCount(JavaSparkContext sc, RunnerArgs args) {
    sc.textFile(args.input("text"))
        .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
        .mapToPair(word -> new Tuple2<>(word, 1L))
        .reduceByKey(Long::sum)
        .map(t -> t._1() + "\t" + t._2())
        .saveAsTextFile(args.output());
  }

  /** Sorts the 100-byte records by their 10-byte (printable ASCII) key. */
  static void sort(JavaSparkContext sc, RunnerArgs args) {
    sc.textFile(args.input("sort"))
        .mapToPair(line -> new Tuple2<>(line.substring(0, 10), line))
        .sortByKey()
        .values()
        .saveAsTextFile(args.output());
  }

  /** Ten iterations of the classic PageRank over {@code src dst} lines; links cached. */
  static void pageRank(JavaSparkContext sc, RunnerArgs args) {
    JavaPairRDD<Long, Iterable<Long>> links =
        sc.textFile(args.input("graph"))
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
    JavaPairRDD<Long, Double> ranks = links.mapValues(dsts -> 1.0);
    for (int i = 0; i < PAGERANK_ITERATIONS; i++) {
      JavaPairRDD<Long, Double> contributions =
          links
              .join(ranks)
              .values()
              .flatMapToPair(
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
      ranks = contributions.reduceByKey(Double::sum).mapValues(sum -> 0.15 + 0.85 * sum);
    }
    ranks.map(t -> t._1() + "\t" + t._2()).saveAsTextFile(args.output());
  }

  /** Parallelizes the ints 0..999 in 2 partitions and counts them. */
  static long trivial(JavaSparkContext sc) {
    List<Integer> ints = new ArrayList<>(1000);
    for (int i = 0; i < 1000; i++) {
      ints.add(i);
    }
    return sc.parallelize(ints, 2).count();
  }
}
