package dev.weft.executor.memory;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class TaskMemoryManagerTest {

  /** A consumer that gives back everything it holds when asked to spill. */
  private static final class SpillableBuffer extends MemoryConsumer {
    int spills;

    SpillableBuffer(TaskMemoryManager taskMemory) {
      super(taskMemory);
    }

    @Override
    public long spill(long bytes, MemoryConsumer requester) {
      spills++;
      long held = used();
      freeAll();
      return held;
    }
  }

  @Test
  public void shortGrantMakesAnotherConsumerOfTheSameTaskSpill() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0);
    TaskMemoryManager task = new TaskMemoryManager(memory, 1);
    SpillableBuffer sorter = new SpillableBuffer(task);
    SpillableBuffer aggregator = new SpillableBuffer(task);
    assertEquals(800, sorter.acquire(800));

    long granted = aggregator.acquire(500);

    assertEquals(500, granted);
    assertEquals(1, sorter.spills);
    assertEquals(0, sorter.used());
    assertEquals(0, aggregator.spills);
    assertEquals(500, memory.executionUsed(1));
  }

  @Test
  public void peakAndLeakAreReported() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0);
    TaskMemoryManager task = new TaskMemoryManager(memory, 1);
    SpillableBuffer buffer = new SpillableBuffer(task);
    buffer.acquire(600);
    buffer.free(400);

    assertEquals(600, task.peakExecutionMemory());
    assertEquals(200, task.releaseAll());
    assertEquals(0, memory.executionUsed());
  }
}
