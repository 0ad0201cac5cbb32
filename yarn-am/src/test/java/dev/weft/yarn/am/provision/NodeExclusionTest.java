package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class NodeExclusionTest {
  private final AtomicLong now = new AtomicLong(1000);
  private final NodeExclusion exclusion = new NodeExclusion(2, Duration.ofMinutes(1), now::get);

  @Test
  public void excludesANodeAfterMaxFailures() {
    assertFalse(exclusion.recordFailure("n1"));
    assertTrue(exclusion.update().isEmpty());
    assertTrue(exclusion.recordFailure("n1"));
    assertEquals(new NodeExclusion.Update(List.of("n1"), List.of()), exclusion.update());
    assertEquals(Set.of("n1"), exclusion.excluded());
  }

  @Test
  public void putsTheNodeBackAfterTheTimeout() {
    exclusion.recordFailure("n1");
    exclusion.recordFailure("n1");
    exclusion.update();
    now.addAndGet(59_999);
    assertTrue(exclusion.update().isEmpty());
    now.addAndGet(1);
    assertEquals(new NodeExclusion.Update(List.of(), List.of("n1")), exclusion.update());
    assertTrue(exclusion.excluded().isEmpty());
    assertFalse("the count restarts", exclusion.recordFailure("n1"));
  }

  @Test
  public void countsNodesSeparately() {
    exclusion.recordFailure("n1");
    exclusion.recordFailure("n2");
    assertTrue(exclusion.update().isEmpty());
  }
}
