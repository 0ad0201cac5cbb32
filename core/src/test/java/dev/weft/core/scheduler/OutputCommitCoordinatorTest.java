package dev.weft.core.scheduler;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class OutputCommitCoordinatorTest {
  private final OutputCommitCoordinator commits = new OutputCommitCoordinator();

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
  public void aFailureOfAnAttemptThatWasRefusedChangesNothing() {
    assertTrue(commits.canCommit(1, 0, 100));
    assertFalse(commits.canCommit(1, 0, 101));

    commits.taskFailed(1, 0, 101);

    assertFalse(commits.canCommit(1, 0, 102));
  }
}
