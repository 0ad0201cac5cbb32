package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.yarn.am.provision.RequestPlanner.Outstanding;
import dev.weft.yarn.am.provision.RequestPlanner.Plan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class RequestPlannerTest {

  @Test
  public void withoutBacklogAsksForAnyNode() {
    Plan plan = RequestPlanner.plan(2, List.of(), Map.of(), Map.of(), 1, Set.of());
    assertEquals(List.of(List.of(), List.of()), plan.add());
    assertTrue(plan.cancel().isEmpty());
  }

  @Test
  public void spreadsRequestsOverHostsByPendingTasks() {
    Plan plan = RequestPlanner.plan(3, List.of(), Map.of("a", 4, "b", 2), Map.of(), 2, Set.of());
    // a wants 2 executors, b wants 1: the first request names both, the second a, the third any
    assertEquals(List.of(List.of("a", "b"), List.of("a"), List.of()), plan.add());
  }

  @Test
  public void namesAtMostThreeHostsPerRequest() {
    Plan plan =
        RequestPlanner.plan(
            1, List.of(), Map.of("a", 1, "b", 1, "c", 1, "d", 1), Map.of(), 1, Set.of());
    assertEquals(1, plan.add().size());
    assertEquals(3, plan.add().get(0).size());
  }

  @Test
  public void executorsAlreadyOnAHostReduceItsWant() {
    Plan plan =
        RequestPlanner.plan(2, List.of(), Map.of("a", 2, "b", 1), Map.of("a", 2), 1, Set.of());
    assertEquals(List.of(List.of("b"), List.of()), plan.add());
  }

  @Test
  public void cancelsAndReplacesStaleRequests() {
    Plan plan =
        RequestPlanner.plan(
            1, List.of(new Outstanding(7, List.of("gone"))), Map.of("b", 1), Map.of(), 1, Set.of());
    assertEquals(List.of(7L), plan.cancel());
    assertEquals(List.of(List.of("b")), plan.add());
  }

  @Test
  public void keepsRequestsWhoseHostsStillHaveWork() {
    Plan plan =
        RequestPlanner.plan(
            1, List.of(new Outstanding(7, List.of("a"))), Map.of("a", 3), Map.of(), 1, Set.of());
    assertTrue(plan.isEmpty());
  }

  @Test
  public void replacesAnyNodeRequestsWhenLocalityAppears() {
    Plan plan =
        RequestPlanner.plan(
            2,
            List.of(new Outstanding(1, List.of()), new Outstanding(2, List.of())),
            Map.of("a", 1),
            Map.of(),
            1,
            Set.of());
    assertEquals(List.of(2L), plan.cancel());
    assertEquals(List.of(List.of("a")), plan.add());
  }

  @Test
  public void cancelsRequestsBeyondWanted() {
    Plan plan =
        RequestPlanner.plan(
            0,
            List.of(new Outstanding(1, List.of("a")), new Outstanding(2, List.of())),
            Map.of("a", 1),
            Map.of(),
            1,
            Set.of());
    assertEquals(Set.of(1L, 2L), Set.copyOf(plan.cancel()));
    assertTrue(plan.add().isEmpty());
  }

  @Test
  public void aLowerWantKeepsTheRequestsOfTheHostsWhereMostTasksWait() {
    Plan plan =
        RequestPlanner.plan(
            1,
            List.of(
                new Outstanding(1, List.of("a")),
                new Outstanding(2, List.of("b")),
                new Outstanding(3, List.of())),
            Map.of("a", 1, "b", 5),
            Map.of(),
            1,
            Set.of());
    assertEquals(Set.of(1L, 3L), Set.copyOf(plan.cancel()));
    assertTrue(plan.add().isEmpty());
  }

  @Test
  public void neverNamesExcludedHosts() {
    Plan plan = RequestPlanner.plan(1, List.of(), Map.of("bad", 5), Map.of(), 1, Set.of("bad"));
    assertEquals(List.of(List.of()), plan.add());
  }
}
