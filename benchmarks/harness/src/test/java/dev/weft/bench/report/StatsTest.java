package dev.weft.bench.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class StatsTest {
  @Test
  public void medianOfAnOddCountIsTheMiddleValue() {
    assertEquals(3.0, Stats.median(List.of(9, 1, 3)), 0);
  }

  @Test
  public void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)), 0);
    assertTrue(Double.isNaN(Stats.median(List.<Double>of())));
  }

  @Test
  public void ratioIsTheMedianOfTheRoundsRatiosNotTheRatioOfMedians() {
    // Rounds: 1/2, 4/4, 3/10 -> ratios 0.5, 1.0, 0.3 -> median 0.5 (medians' ratio: 3/4).
    assertEquals(0.5, Stats.pairwiseRatio(List.of(1.0, 4.0, 3.0), List.of(2.0, 4.0, 10.0)), 1e-12);
  }

  @Test
  public void roundsWithAFailedRunAreLeftOut() {
    assertEquals(0.5, Stats.pairwiseRatio(List.of(1.0, Double.NaN), List.of(2.0, 3.0)), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> Stats.pairwiseRatio(List.of(1.0), List.of()));
  }
}
