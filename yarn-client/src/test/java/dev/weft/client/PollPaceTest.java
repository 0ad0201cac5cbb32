package dev.weft.client;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import org.junit.Test;

public class PollPaceTest {
  @Test
  public void doublesFromTheFirstWaitUpToTheInterval() {
    PollPace pace = new PollPace(Duration.ofSeconds(1));
    assertEquals(100, pace.nextWaitMillis());
    assertEquals(200, pace.nextWaitMillis());
    assertEquals(400, pace.nextWaitMillis());
    assertEquals(800, pace.nextWaitMillis());
    assertEquals(1000, pace.nextWaitMillis());
    assertEquals(1000, pace.nextWaitMillis());
  }

  @Test
  public void aChangeMakesTheNextWaitShortAgain() {
    PollPace pace = new PollPace(Duration.ofSeconds(1));
    for (int i = 0; i < 5; i++) {
      pace.nextWaitMillis();
    }
    pace.changed();
    assertEquals(100, pace.nextWaitMillis());
  }

  @Test
  public void anIntervalShorterThanTheFirstWaitIsNeverExceeded() {
    PollPace pace = new PollPace(Duration.ofMillis(30));
    assertEquals(30, pace.nextWaitMillis());
    pace.changed();
    assertEquals(30, pace.nextWaitMillis());
  }
}
