package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Run files of a spilling structure are deleted whatever happens to the merge. */
public class SpillRunsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aFailedIntermediateMergePassLeavesNoRunFileBehind() throws Exception {
    ShuffleTestKit kit =
        new ShuffleTestKit(tmp.getRoot(), ShuffleTestKit.TINY_BUDGET, ShuffleTestKit.SMALL_BUFFERS);
    Comparator<Integer> failing =
        (a, b) -> {
          throw new IllegalStateException("the ordering failed");
        };
    SpillRuns<Integer> runs =
        new SpillRuns<>(kit.newTask(0), "test-run", failing, UnaryOperator.identity());
    for (int r = 0; r < 3; r++) {
      runs.write(List.of(r, r + 3).iterator());
    }

    // Three runs merged two at a time need an intermediate pass, which the ordering fails.
    assertThrows(IllegalStateException.class, () -> runs.merge(2));
    runs.deleteAll();

    assertEquals(List.of(), kit.strayFiles());
  }
}
