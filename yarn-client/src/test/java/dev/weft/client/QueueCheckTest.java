package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import org.junit.Test;

/** The queue check before submission, against a hand-written fake of the scheduler's queues. */
public class QueueCheckTest {
  private static final QueueCheck.Queues CLUSTER =
      new QueueCheck.Queues() {
        @Override
        public boolean exists(String queue) {
          return names().contains(queue);
        }

        @Override
        public List<String> names() {
          return List.of("etl", "default");
        }
      };

  @Test
  public void aKnownQueuePasses() throws Exception {
    QueueCheck.check("etl", CLUSTER);
  }

  @Test
  public void anUnknownQueueIsOneLineNamingTheKnownOnes() throws Exception {
    try {
      QueueCheck.check("elt", CLUSTER);
      fail("accepted");
    } catch (SubmitException e) {
      assertEquals(
          "Unknown YARN queue 'elt' (--queue or weft.yarn.queue); known queues: default, etl",
          e.getMessage());
      assertEquals(YarnSubmit.EXIT_USAGE, e.exitCode());
    }
  }
}
