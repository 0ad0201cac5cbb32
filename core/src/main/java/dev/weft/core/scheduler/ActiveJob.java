package dev.weft.core.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** A running job: its result stage, which of its partitions are done, and who waits for it. */
final class ActiveJob {
  final int jobId;
  final ResultStage finalStage;
  final boolean[] finished;
  final BiConsumer<Integer, Object> resultHandler;
  final JobWaiter waiter;

  /** Position of each partition in the job's partition list. */
  final Map<Integer, Integer> outputIndex = new HashMap<>();

  int numFinished;
  long resultBytes;

  ActiveJob(
      int jobId, ResultStage finalStage, BiConsumer<Integer, Object> handler, JobWaiter waiter) {
    this.jobId = jobId;
    this.finalStage = finalStage;
    this.finished = new boolean[finalStage.partitions.length];
    this.resultHandler = handler;
    this.waiter = waiter;
    for (int i = 0; i < finalStage.partitions.length; i++) {
      outputIndex.put(finalStage.partitions[i], i);
    }
  }
}
