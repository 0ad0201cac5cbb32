package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.junit.Test;

public class ExitClassifierTest {
  private final ExitClassifier classifier = new ExitClassifier("1g", "384m");

  @Test
  public void memoryKillIsAFailureWithAHint() {
    ExitExplanation x =
        classifier.explain(
            ContainerExitStatus.KILLED_EXCEEDED_PMEM,
            "1.5 GB of 1.4 GB physical memory used",
            false);
    assertTrue(x.countsAsFailure());
    assertTrue(x.reason(), x.reason().contains("exceeding its memory limit"));
    assertTrue(x.reason(), x.reason().contains("1.5 GB of 1.4 GB"));
    assertTrue(x.reason(), x.reason().contains("weft.executor.memoryOverhead, now 384m"));
  }

  @Test
  public void anExecutorThatRanOutOfMemoryIsAFailureNamingTheHeapToRaise() {
    ExitExplanation x = classifier.explain(ExitClassifier.EXIT_OUT_OF_MEMORY, "", false);
    assertTrue(x.countsAsFailure());
    assertFalse(x.nodeFault());
    assertTrue(x.reason(), x.reason().contains("ran out of memory"));
    assertTrue(x.reason(), x.reason().contains("raise --executor-memory, now 1g"));
  }

  @Test
  public void preemptionIsNotAFailure() {
    ExitExplanation x = classifier.explain(ContainerExitStatus.PREEMPTED, "", false);
    assertFalse(x.countsAsFailure());
    assertFalse(x.nodeFault());
  }

  @Test
  public void lostNodeIsNotAFailureButSuspectsTheNode() {
    ExitExplanation x = classifier.explain(ContainerExitStatus.ABORTED, "node lost", false);
    assertFalse(x.countsAsFailure());
    assertTrue(x.nodeFault());
  }

  @Test
  public void diskFailureSuspectsTheNode() {
    ExitExplanation x = classifier.explain(ContainerExitStatus.DISKS_FAILED, null, false);
    assertFalse(x.countsAsFailure());
    assertTrue(x.nodeFault());
  }

  @Test
  public void ourOwnReleaseIsNotAFailure() {
    ExitExplanation x = classifier.explain(ContainerExitStatus.ABORTED, "released", true);
    assertFalse(x.countsAsFailure());
    assertFalse(x.nodeFault());
  }

  @Test
  public void otherCodesAreFailuresNamingTheCode() {
    ExitExplanation x = classifier.explain(1, "Exception from container-launch\nline two", false);
    assertTrue(x.countsAsFailure());
    assertTrue(x.reason(), x.reason().contains("exited with code 1"));
    assertFalse("one line", x.reason().contains("\n"));
  }

  @Test
  public void resourceManagerKillIsNotAFailure() {
    assertFalse(
        classifier
            .explain(ContainerExitStatus.KILLED_BY_RESOURCEMANAGER, "", false)
            .countsAsFailure());
  }
}
