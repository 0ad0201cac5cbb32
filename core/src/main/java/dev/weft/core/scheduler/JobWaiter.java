package dev.weft.core.scheduler;

import dev.weft.api.JobFailedException;
import java.util.concurrent.CountDownLatch;

/** Lets the thread that ran an action wait for its job's end. */
final class JobWaiter {
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile JobFailedException failure;

  void succeed() {
    done.countDown();
  }

  void fail(String reason, Throwable cause) {
    failure = new JobFailedException(reason, cause);
    done.countDown();
  }

  /** Blocks until the job ends; throws its failure. */
  void await() {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailedException("Interrupted while waiting for the job", e);
    }
    if (failure != null) {
      // A fresh exception so the stack trace shows the caller's action, the cause the task's.
      throw new JobFailedException(failure.getMessage(), failure.getCause());
    }
  }
}
