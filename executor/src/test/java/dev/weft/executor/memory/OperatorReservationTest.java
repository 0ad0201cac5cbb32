package dev.weft.executor.memory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Memory reservations of operators in a task, as the structured layer's operators use them. */
public class OperatorReservationTest {
  private final UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0);
  private final TaskMemoryManager task = new TaskMemoryManager(memory, 7);
  private final List<String> spills = new ArrayList<>();

  /** A reservation whose operator spills everything it holds when asked. */
  private MemoryReservation spillable(String owner) {
    MemoryReservation[] self = new MemoryReservation[1];
    self[0] =
        new OperatorReservation(
            task,
            owner,
            (bytes, requester) -> {
              spills.add(owner + " for " + requester);
              long held = self[0].held();
              self[0].release(held);
              return held;
            });
    return self[0];
  }

  @Test
  public void anOperatorIsAskedToSpillWhenAnotherConsumerOfItsTaskNeedsMemory() {
    MemoryReservation aggregate = spillable("HashAggregate");
    MemoryReservation join = spillable("HashJoin");
    assertEquals(800, aggregate.acquire(800));

    long granted = join.acquire(500);

    assertEquals(500, granted);
    assertEquals(List.of("HashAggregate for HashJoin"), spills);
    assertEquals(0, aggregate.held());
    assertEquals(500, join.held());
    assertEquals(500, memory.executionUsed(7));
  }

  @Test
  public void anOperatorIsNotAskedToSpillForItsOwnRequest() {
    MemoryReservation aggregate = spillable("HashAggregate");
    assertEquals(800, aggregate.acquire(800));

    long granted = aggregate.acquire(500);

    assertEquals(200, granted);
    assertEquals(List.of(), spills);
    assertEquals(1000, aggregate.held());
  }

  @Test
  public void aReservationThatCannotSpillKeepsItsMemory() {
    MemoryReservation pinned = new OperatorReservation(task, "Pinned", SpillCallback.NONE);
    MemoryReservation join = spillable("HashJoin");
    pinned.acquire(800);

    assertEquals(200, join.acquire(500));
    assertEquals(800, pinned.held());
  }

  @Test
  public void closingReleasesEverythingAndRefusesLaterRequests() {
    MemoryReservation aggregate = spillable("HashAggregate");
    aggregate.acquire(600);
    aggregate.release(100);
    assertEquals(500, memory.executionUsed(7));

    aggregate.close();

    assertEquals(0, aggregate.held());
    assertEquals(0, memory.executionUsed(7));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> aggregate.acquire(1));
    assertEquals("The memory reservation of HashAggregate was closed", e.getMessage());
  }

  @Test
  public void whatAReservationStillHoldsIsReleasedWhenItsTaskEnds() {
    spillable("HashAggregate").acquire(300);

    assertEquals(300, task.releaseAll());
    assertEquals(0, memory.executionUsed());
  }
}
