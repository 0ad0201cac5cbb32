package dev.weft.core.scheduler;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Before;
import org.junit.Test;

public class OutputCommitCoordinatorTest {
  private final OutputCommitCoordinator commits = new OutputCommitCoordinator();

  @Before
  public void startStages() {
    commits.stageStarted(1);
    commits.stageStarted(2);
  }

  @Test
  public void onlyTheFirstAttemptOfAPartitionMayCommit() {
    assertTrue(commits.canCommit(1, 0, 100));
    assertFalse(commits.canCommit(1, 0, 101));
    assertTrue("the winner may ask again", commits.canCommit(1, 0, 100));
  }

  @Test
  public void partitionsAndStagesAreDecidedSeparately() {
    assertTrue(commits.canCommit(1, 0, 100));
    assertTrue(commits.canCommit(1, 1, 101));
    assertTrue(commits.canCommit(2, 0, 102));
  }

  @Test
  public void whenTheAuthorizedAttemptFailsAnotherMayCommit() {
    assertTrue(commits.canCommit(1, 0, 100));

    commits.taskFailed(1, 0, 100);

    assertTrue(commits.canCommit(1, 0, 101));
  }

  @Test
  public void anAttemptWhoseFailureWasReportedBeforeItAskedIsRefusedAndAnotherMayCommit() {
    // SPARK-19631: its executor was taken for lost, then its request arrives.
    commits.taskFailed(1, 0, 100);

    assertFalse("the failed attempt", commits.canCommit(1, 0, 100));
    assertTrue("the retry", commits.canCommit(1, 0, 101));
  }

  @Test
  public void theAuthorizedAttemptThatFailedCannotTakeThePartitionBack() {
    assertTrue(commits.canCommit(1, 0, 100));
    commits.taskFailed(1, 0, 100);

    assertFalse(commits.canCommit(1, 0, 100));
    assertTrue(commits.canCommit(1, 0, 101));
  }

  @Test
  public void onlyAttemptsRefusedBecauseAnotherHoldsThePartitionCountAsDenied() {
    assertTrue(commits.canCommit(1, 0, 100));
    assertFalse(commits.canCommit(1, 0, 101));
    commits.refuse(1, List.of(102L));
    assertFalse(commits.canCommit(1, 1, 102));

    assertTrue(commits.wasDenied(1, 101));
    assertFalse("the holder", commits.wasDenied(1, 100));
    assertFalse("disowned, not denied", commits.wasDenied(1, 102));
  }

  @Test
  public void aFailureOfAnAttemptThatWasRefusedChangesNothing() {
    assertTrue(commits.canCommit(1, 0, 100));
    assertFalse(commits.canCommit(1, 0, 101));

    commits.taskFailed(1, 0, 101);

    assertFalse(commits.canCommit(1, 0, 102));
  }

  @Test
  public void aSpeculativeCopyWhoseOriginalCommittedIsRefusedEvenAfterTheOriginalSucceeded() {
    assertTrue("the original", commits.canCommit(1, 3, 100));
    // The original succeeded (successes are not reported to the coordinator); the copy asks late.

    assertFalse("the copy", commits.canCommit(1, 3, 107));
    assertTrue(commits.anyAuthorized(1));
  }

  @Test
  public void aStageResubmittedKeepsTheDecisionsOfItsEarlierAttempts() {
    assertTrue(commits.canCommit(1, 0, 100));

    commits.stageStarted(1);

    assertFalse("a task of the new attempt", commits.canCommit(1, 0, 200));
  }

  @Test
  public void anAttemptAskingAfterItsStageEndedIsRefused() {
    assertTrue(commits.canCommit(1, 0, 100));
    commits.stageEnded(1);

    assertFalse("a late straggler", commits.canCommit(1, 1, 105));
    assertFalse("a stage never started", commits.canCommit(9, 0, 106));
  }

  @Test
  public void disownedAttemptsAreRefusedAndOthersStillDecide() {
    commits.refuse(1, List.of(100L, 101L));

    assertFalse(commits.canCommit(1, 0, 100));
    assertFalse(commits.anyAuthorized(1));
    assertTrue(commits.canCommit(1, 0, 102));
  }
}
