package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.plan.CallSite;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.engine.layer.Layer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Jobs and stages are named by the API call and the user's line, as Spark names them. */
public class CallSitesTest {
  private WeftContext weft;
  private final List<String> jobs = Collections.synchronizedList(new ArrayList<>());
  private final List<String> stages = Collections.synchronizedList(new ArrayList<>());

  @Before
  public void start() {
    weft = new WeftContext(new WeftConf(false).setMaster("local[2]"));
    Internals.of(weft)
        .addSchedulerListener(
            new SchedulerListener() {
              @Override
              public void onJobStart(JobInfo job) {
                jobs.add(job.name());
                job.stages().forEach(s -> stages.add(s.name()));
              }
            });
  }

  @After
  public void stop() {
    weft.stop();
  }

  private void awaitEvents() throws InterruptedException {
    assertTrue(Internals.of(weft).listenerBus().waitUntilEmpty(Duration.ofSeconds(10)));
  }

  @Test
  public void stagesAreNamedByTheirOperationAndTheUsersLine() throws Exception {
    var pairs = weft.parallelizePairs(List.of(new Tuple2<>("a", 1), new Tuple2<>("a", 2)), 2);
    var sums = pairs.reduceByKey(Integer::sum, 2);
    int reduceLine = new Throwable().getStackTrace()[0].getLineNumber() - 1;

    sums.collect();
    int collectLine = new Throwable().getStackTrace()[0].getLineNumber() - 1;
    awaitEvents();

    assertEquals(List.of("collect at CallSitesTest.java:" + collectLine), jobs);
    assertTrue(
        stages.toString(), stages.contains("reduceByKey at CallSitesTest.java:" + reduceLine));
    assertTrue(
        stages.toString(),
        stages.contains("parallelize at CallSitesTest.java:" + (reduceLine - 1)));
  }

  @Test
  public void aRegisteredApiLayerIsLookedThroughToItsUsersLine() throws Exception {
    CallSite.registerApiPackage("dev.weft.engine.layer");

    Layer.numbers(weft).count();
    int line = new Throwable().getStackTrace()[0].getLineNumber() - 1;
    awaitEvents();

    assertEquals(List.of("map at CallSitesTest.java:" + line), stages);
    assertEquals(List.of("count at CallSitesTest.java:" + line), jobs);
  }

  @Test
  public void anApiLayerNamesTheLineItRecordedForANodeItBuiltLater() throws Exception {
    PlanNode<Long> node = Internals.node(weft.range(0, 10, 1, 2).map(x -> x + 1));
    node.setCallSite("Query.java:12");

    Internals.of(weft).dataset(node).count();
    awaitEvents();

    assertEquals(List.of("map at Query.java:12"), stages);
  }
}
