package dev.weft.core.scheduler;

import dev.weft.api.JobFailedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Lets the thread that ran an action wait for its job's end. */
final class JobWaiter {
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile JobFailedException failure;

  /** Whether the job ended, either way. */
  boolean isDone() {
    return done.getCount() == 0;
  }

  /** The failure of a job that failed, else null. */
  JobFailedException failure() {
    return failure;
  }

  void succeed() {
    done.countDown();
  }

  void fail(String reason, Throwable cause) {
    failure = new JobFailedException(reason, cause);
    done.countDown();
  }

  /**
   * Blocks until the job ends; throws its failure. Gives up when {@code schedulerAlive} turns
   * false, so a job posted as the scheduler stopped cannot leave its caller waiting forever.
   */
  void await(BooleanSupplier schedulerAlive) {
    try {
      while (!done.await(1, TimeUnit.SECONDS)) {
        if (!schedulerAlive.getAsBoolean() && done.getCount() > 0) {
          fail("The scheduler stopped before the job ended (was the WeftContext stopped?)", null);
        }
      }
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
