package dev.weft.core.plan;

import dev.weft.api.function.Function;
import java.util.Iterator;
import java.util.List;

/** Runs auxiliary jobs on the driver while a job is being prepared (range sampling, counts). */
public interface JobPreparer {
  /**
   * Runs {@code func} over every partition of {@code node} and returns the results in partition
   * order.
   */
  <T, U> List<U> run(PlanNode<T> node, Function<Iterator<T>, U> func);
}
