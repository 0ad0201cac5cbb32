package dev.weft.core.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.core.scheduler.SchedulerListener.AppInfo;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class StatusEventSourceTest {
  @Test
  public void aLateSinkLearnsTheApplicationAndTheExecutorsAliveNow() {
    StatusEventSource source = new StatusEventSource(() -> 5L, 1024);
    source.onApplicationStart(new AppInfo("app-1", null, "late", "u", Map.of()));
    source.onExecutorAdded(new ExecutorDescriptor("1", "h1", null, 2));
    source.onExecutorAdded(new ExecutorDescriptor("2", "h2", null, 2));
    source.onExecutorRemoved("1", "idle");

    List<StatusEvent> seen = new ArrayList<>();
    source.addSink(seen::add);

    assertEquals(2, seen.size());
    assertTrue(seen.get(0) instanceof StatusEvent.AppStarted);
    StatusEvent.ExecutorAdded alive = (StatusEvent.ExecutorAdded) seen.get(1);
    assertEquals("2", alive.executorId());
    assertEquals("h2", alive.host());
  }
}
