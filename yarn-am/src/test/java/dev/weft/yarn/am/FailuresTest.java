package dev.weft.yarn.am;

import static org.junit.Assert.assertEquals;

import dev.weft.api.JobFailedException;
import java.io.IOException;
import org.junit.Test;

public class FailuresTest {

  @Test
  public void showsTheJobFailureMessageUsersNeed() {
    Throwable t =
        new RuntimeException(
            "wrapper",
            new JobFailedException(
                "Task 3 of stage 1 failed 4 times: java.lang.ArithmeticException: / by zero",
                new ArithmeticException("/ by zero")));
    assertEquals(
        "dev.weft.api.JobFailedException: Task 3 of stage 1 failed 4 times:"
            + " java.lang.ArithmeticException: / by zero",
        Failures.describe(t));
  }

  @Test
  public void otherwiseShowsTheRootCause() {
    Throwable t = new IllegalStateException("outer", new IOException("disk full"));
    assertEquals("java.io.IOException: disk full", Failures.describe(t));
  }

  @Test
  public void exceptionWithoutMessageIsItsClass() {
    assertEquals("java.lang.NullPointerException", Failures.describe(new NullPointerException()));
  }
}
