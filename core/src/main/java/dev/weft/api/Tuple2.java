package dev.weft.api;

import java.io.Serializable;

/**
 * A pair, the record type of a {@link PairDataset}. Named and shaped like Spark's {@code Tuple2}
 * ({@code t._1()}, {@code t._2()}) so that code moves over with few changes.
 *
 * @param _1 the first element (the key in a pair dataset); may be null
 * @param _2 the second element (the value in a pair dataset); may be null
 * @param <A> the type of the first element
 * @param <B> the type of the second element
 */
public record Tuple2<A, B>(A _1, B _2) implements Serializable {

  /** Returns a new pair; shorthand for the constructor that reads well in lambdas. */
  public static <A, B> Tuple2<A, B> of(A first, B second) {
    return new Tuple2<>(first, second);
  }

  @Override
  public String toString() {
    return "(" + _1 + "," + _2 + ")";
  }
}
