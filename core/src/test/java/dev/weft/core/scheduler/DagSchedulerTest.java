package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.api.HashPartitioner;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.Determinism;
import dev.weft.core.plan.MapPartitionsNode;
import dev.weft.core.plan.PartitionTransform;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.RangeNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.plan.ShuffledNode;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The DAG scheduler driven by hand through a real task scheduler and a fake backend: tasks end when
 * the test says so, with the results and failures it chooses.
 */
public class DagSchedulerTest {
  private static final int MAX_STAGE_ATTEMPTS = 4;
  private static final int SHUFFLE_PORT = 7337;

  private final KryoSerializer kryo = new KryoSerializer(true, false, List.of());
  private final MapOutputTracker mapOutputs = new MapOutputTracker();
  private final OutputCommitCoordinator commits = new OutputCommitCoordinator();
  private final ListenerBus bus = new ListenerBus();
  private final FakeBackend backend = new FakeBackend();
  private final Map<Integer, Object> results = new HashMap<>();
  private DagScheduler dag;
  private TaskScheduler tasks;
  private int nodeIds;

  @Before
  public void setUp() {
    dag =
        new DagScheduler(
            new DagScheduler.SchedulerContext(
                mapOutputs,
                new CacheTracker(),
                new AccumulatorRegistry(),
                kryo,
                bus,
                () -> 0L,
                commits,
                MAX_STAGE_ATTEMPTS,
                0,
                HostNames.parse(""),
                () -> {}));
    tasks = new TaskScheduler(backend, () -> 0L, new LocalityWaits(0, 0, 0), 4, 0, dag);
    dag.setTaskScheduler(tasks);
    tasks.executorAdded(new ExecutorDescriptor("e1", "hostA", null, 16));
  }

  @After
  public void tearDown() {
    bus.stop();
  }

  // ---- determinism ----

  @Test
  public void aRepartitionOfShuffledDataIsIndeterminateAndSoIsWhatReadsIt() {
    PlanNode<?> reduced = shuffled(0, mapped(source(3), false));
    PlanNode<?> spread = mapped(reduced, true);

    assertEquals(Determinism.ORDERED, source(3).determinism());
    assertEquals(Determinism.UNORDERED, reduced.determinism());
    assertEquals(Determinism.INDETERMINATE, spread.determinism());
    assertEquals(Determinism.INDETERMINATE, mapped(shuffled(1, spread), false).determinism());
    assertEquals(
        "order does not matter to a round robin of ordered input",
        Determinism.ORDERED,
        mapped(source(3), true).determinism());
  }

  @Test
  public void anIndeterminateMapStageThatLostAnOutputIsRecomputedWholeWithTheStagesThatReadIt() {
    JobWaiter job = submit(threeShuffles(true));
    finishMaps(); // stage of shuffle 0: 3 maps
    int spreadStage = finishMaps(); // the indeterminate stage of shuffle 1: 2 maps
    List<TaskDescription> readers = runningTasks();
    int readerStage = readers.get(0).stageId();
    succeedMap(readers.get(0));
    fetchFail(readers.get(1), 1, 0);

    dag.resubmitFailedStages();

    assertEquals("every map of the indeterminate stage", List.of(0, 1), partitionsOf(spreadStage));
    finishMaps();
    assertEquals(
        "the reader's finished partition too: it read the old output",
        List.of(0, 1),
        partitionsOf(readerStage));
    finishMaps();
    finishResults("r");
    assertTrue(job.isDone());
    assertNull(job.failure());
  }

  @Test
  public void aDeterminateMapStageRecomputesOnlyItsLostOutputAndItsReaderOnlyWhatItMissed() {
    JobWaiter job = submit(threeShuffles(false));
    finishMaps();
    int middleStage = finishMaps();
    List<TaskDescription> readers = runningTasks();
    int readerStage = readers.get(0).stageId();
    succeedMap(readers.get(0));
    fetchFail(readers.get(1), 1, 0);

    dag.resubmitFailedStages();

    assertEquals(List.of(0), partitionsOf(middleStage));
    finishMaps();
    assertEquals(List.of(readers.get(1).partition()), partitionsOf(readerStage));
    finishMaps();
    finishResults("r");
    assertNull(job.failure());
  }

  @Test
  public void aJobThatTookResultsReadFromALostIndeterminateOutputFailsInsteadOfMixingRows() {
    JobWaiter job = submit(shuffled(1, mapped(shuffled(0, mapped(source(3), false)), true)));
    finishMaps();
    int spreadStage = finishMaps();
    List<TaskDescription> results = runningTasks();
    succeedResult(results.get(0), "taken");
    fetchFail(results.get(1), 1, 1);

    dag.resubmitFailedStages();

    assertTrue(job.isDone());
    String message = job.failure().getMessage();
    assertTrue(message, message.contains("already returned or committed 1 of its 2 partitions"));
    assertTrue(message, message.contains("ShuffleMapStage " + spreadStage));
    assertTrue(message, message.contains("indeterminate"));
    assertTrue(message, message.contains("Run the job again"));
    assertEquals("nothing is recomputed for a failed job", List.of(), runningTasks());
  }

  @Test
  public void
      aResultStageThatTookNothingYetIsRolledBackAndItsAbandonedTasksCanNeitherCommitNorReturn() {
    JobWaiter job = submit(shuffled(1, mapped(shuffled(0, mapped(source(3), false)), true)));
    finishMaps();
    finishMaps();
    List<TaskDescription> firstAttempt = runningTasks();
    TaskDescription abandoned = firstAttempt.get(0);
    fetchFail(firstAttempt.get(1), 1, 1);

    dag.resubmitFailedStages();

    assertTrue("the abandoned task is killed", backend.killed.contains(abandoned.taskId()));
    assertFalse(commits.canCommit(abandoned.stageId(), abandoned.partition(), abandoned.taskId()));
    succeedResult(abandoned, "stale"); // it finished before the kill reached it
    assertEquals(Map.of(), results);
    finishMaps();
    assertEquals(List.of(0, 1), partitionsOf(abandoned.stageId()));
    finishResults("fresh");
    assertNull(job.failure());
    assertEquals(Map.of(0, "fresh0", 1, "fresh1"), results);
  }

  // ---- output commits ----

  @Test
  public void aPartitionRefusedItsCommitWhileAnAttemptThatNeverEndsHoldsItFailsTheJob() {
    JobWaiter job = submit(shuffled(0, mapped(source(2), false)));
    finishMaps();
    List<TaskDescription> firstAttempt = runningTasks();
    TaskDescription holder = firstAttempt.get(0);
    assertTrue(commits.canCommit(holder.stageId(), holder.partition(), holder.taskId()));
    fetchFail(firstAttempt.get(1), 0, 0);
    dag.resubmitFailedStages();
    finishMaps();
    // The holder was asked to stop, but its end never arrives: every retry is refused.

    for (int i = 0; i < 4; i++) {
      assertFalse("job failed after " + i + " refusals", job.isDone());
      TaskDescription retry = taskFor(holder.stageId(), 1, holder.partition());
      assertFalse(commits.canCommit(retry.stageId(), retry.partition(), retry.taskId()));
      end(retry, new TaskEndReason.Killed("commit denied: another attempt commits partition 0"));
    }

    assertTrue(job.isDone());
    String message = job.failure().getMessage();
    assertTrue(message, message.contains("refused its output commit 4 times"));
    assertTrue(
        "no further retry",
        runningTasks().stream().noneMatch(t -> t.stageAttempt() == 1 && t.partition() == 0));
  }

  @Test
  public void aPartitionWhoseAuthorizedAttemptIsLostIsCommittedByItsRetry() {
    JobWaiter job = submit(source(2));
    TaskDescription holder = taskFor(runningTasks().get(0).stageId(), 0, 0);
    assertTrue(commits.canCommit(holder.stageId(), 0, holder.taskId()));

    end(holder, new TaskEndReason.ExecutorLost("e1", "container lost"));
    assertFalse(
        "a late request of the lost attempt",
        commits.canCommit(holder.stageId(), 0, holder.taskId()));
    TaskDescription retry = taskFor(holder.stageId(), 0, 0);
    assertTrue(commits.canCommit(retry.stageId(), 0, retry.taskId()));
    finishResults("r");

    assertNull(job.failure());
    assertEquals(Map.of(0, "r0", 1, "r1"), results);
  }

  // ---- zombie attempts ----

  @Test
  public void lateResultsOfAZombieAttemptAreIgnoredAndNeverCommitted() {
    JobWaiter job = submit(shuffled(0, mapped(source(2), false)));
    finishMaps();
    List<TaskDescription> firstAttempt = runningTasks();
    TaskDescription zombie = firstAttempt.get(0);
    fetchFail(firstAttempt.get(1), 0, 0); // attempt 0 of the result stage is a zombie now
    dag.resubmitFailedStages();
    finishMaps(); // map 0 again
    TaskDescription fresh = taskFor(zombie.stageId(), 1, zombie.partition());

    assertTrue(commits.canCommit(fresh.stageId(), fresh.partition(), fresh.taskId()));
    succeedResult(fresh, "fresh");

    assertTrue("the zombie is killed", backend.killed.contains(zombie.taskId()));
    assertFalse(commits.canCommit(zombie.stageId(), zombie.partition(), zombie.taskId()));
    succeedResult(zombie, "late");
    assertEquals("fresh", results.get(zombie.partition()));
    finishResults("rest");
    assertNull(job.failure());
  }

  @Test
  public void aZombieThatFinishesFirstIsTakenAndTheNewAttemptOfItsPartitionIsKilled() {
    JobWaiter job = submit(shuffled(0, mapped(source(2), false)));
    finishMaps();
    List<TaskDescription> firstAttempt = runningTasks();
    TaskDescription zombie = firstAttempt.get(0);
    fetchFail(firstAttempt.get(1), 0, 0);
    dag.resubmitFailedStages();
    finishMaps();
    TaskDescription fresh = taskFor(zombie.stageId(), 1, zombie.partition());

    succeedResult(zombie, "zombie");

    assertTrue(backend.killed.contains(fresh.taskId()));
    killed(fresh);
    finishResults("rest");
    assertNull(job.failure());
    assertEquals("zombie", results.get(zombie.partition()));
  }

  // ---- fetch failures ----

  @Test
  public void afterMaxConsecutiveFetchFailedAttemptsTheJobAbortsNamingStageCountAndKey() {
    JobWaiter job = submit(shuffled(0, mapped(source(2), false)));
    finishMaps();
    int resultStage = -1;
    for (int attempt = 0; attempt < MAX_STAGE_ATTEMPTS; attempt++) {
      assertFalse("aborted after " + attempt + " attempts", job.isDone());
      TaskDescription reader = runningTasks().get(0);
      resultStage = reader.stageId();
      assertEquals(attempt, reader.stageAttempt());
      fetchFail(reader, 0, 1);
      for (TaskDescription sibling : runningTasks()) {
        killed(sibling);
      }
      if (attempt < MAX_STAGE_ATTEMPTS - 1) {
        dag.resubmitFailedStages();
        finishMaps();
      }
    }

    assertTrue(job.isDone());
    String message = job.failure().getMessage();
    assertTrue(message, message.contains("ResultStage " + resultStage));
    assertTrue(message, message.contains("(4, weft.stage.maxConsecutiveAttempts)"));
    assertTrue(message, message.contains("map output 1 is gone"));
  }

  // ---- nodes the cluster manager reports ----

  @Test
  public void noTaskIsPlacedOnADrainingNode() {
    tasks.executorAdded(new ExecutorDescriptor("e2", "hostB", null, 16));
    tasks.hostAvailability("hostB", false); // YARN: DECOMMISSIONING

    submit(shuffled(0, mapped(source(6), false)));

    assertEquals(6, runningTasks().size());
    assertEquals(Set.of("e1"), executorsOf(runningTasks()));
    finishMapsOnTheirNodes();
    assertEquals(
        "its outputs stay readable while it drains; nothing else runs there",
        Set.of("e1"),
        executorsOf(runningTasks()));
  }

  @Test
  public void aLostNodesMapOutputsAreForgottenAndRecomputedBeforeAnyReaderFailsToFetch() {
    tasks.executorAdded(new ExecutorDescriptor("e2", "hostB", null, 16));
    JobWaiter job = submit(shuffled(0, mapped(source(6), false)));
    List<TaskDescription> maps = runningTasks();
    int mapStage = maps.get(0).stageId();
    List<Integer> onB =
        maps.stream().filter(t -> t.executorId().equals("e2")).map(t -> t.partition()).toList();
    assertFalse("some maps ran on hostB", onB.isEmpty());
    finishMapsOnTheirNodes();
    int readerStage = runningTasks().get(0).stageId();

    // YARN: hostB LOST. The scheduler loop does this on the node event.
    tasks.hostAvailability("hostB", false);
    dag.shuffleServiceLost("hostB", SHUFFLE_PORT, "YARN reports node hostB LOST");

    MapStatus[] statuses = mapOutputs.statuses(0);
    for (int m = 0; m < statuses.length; m++) {
      assertEquals("map " + m + " registered", !onB.contains(m), statuses[m] != null);
    }
    List<TaskDescription> rerun =
        runningTasks().stream().filter(t -> t.stageId() == mapStage).toList();
    assertEquals(onB, rerun.stream().map(TaskDescription::partition).sorted().toList());
    assertEquals(Set.of("e1"), executorsOf(rerun));
    rerun.forEach(this::succeedMapOnItsNode);
    for (TaskDescription t : runningTasks()) {
      assertEquals(readerStage, t.stageId());
      succeedResult(t, "r" + t.partition());
    }
    assertTrue(job.isDone());
    assertNull(job.failure());
  }

  private void finishMapsOnTheirNodes() {
    TaskDescription last = backend.launched.get(backend.launched.size() - 1);
    for (TaskDescription t : runningTasks()) {
      if (t.stageId() == last.stageId() && t.stageAttempt() == last.stageAttempt()) {
        succeedMapOnItsNode(t);
      }
    }
  }

  /** A map output served by the shuffle service of the node of the task's executor. */
  private void succeedMapOnItsNode(TaskDescription t) {
    String host = t.executorId().equals("e1") ? "hostA" : "hostB";
    MapStatus status =
        new MapStatus(
            t.executorId(), host, SHUFFLE_PORT, t.partition(), t.taskId(), new long[] {1, 1});
    end(t, new TaskEndReason.Success(kryo.serialize(status), List.of(), null));
  }

  private static Set<String> executorsOf(List<TaskDescription> tasks) {
    Set<String> ids = new HashSet<>();
    tasks.forEach(t -> ids.add(t.executorId()));
    return ids;
  }

  // ---- lineage ----

  /** source -> pairs -> shuffle 0 -> [spread] -> shuffle 1 -> map -> shuffle 2 -> result */
  private PlanNode<?> threeShuffles(boolean orderSensitiveSpread) {
    PlanNode<?> spread = mapped(shuffled(0, mapped(source(3), false)), orderSensitiveSpread);
    return shuffled(2, mapped(shuffled(1, spread), false));
  }

  private PlanNode<Long> source(int partitions) {
    return new RangeNode(++nodeIds, 0, 12, 1, partitions);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private PlanNode<Tuple2<Long, Long>> mapped(PlanNode<?> parent, boolean orderSensitive) {
    PartitionTransform<Object, Object> neverRun = (c, p, it) -> Collections.emptyIterator();
    return new MapPartitionsNode(++nodeIds, "map", parent, neverRun, false, orderSensitive);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private PlanNode<Tuple2<Long, Long>> shuffled(int shuffleId, PlanNode<?> parent) {
    return new ShuffledNode(
        ++nodeIds,
        "partitionBy",
        new ShuffleDependency(
            shuffleId, (PlanNode) parent, new HashPartitioner(2), null, false, null));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private JobWaiter submit(PlanNode<?> node) {
    JobWaiter waiter = new JobWaiter();
    TaskFunction<Object, Object> neverRun = (c, it) -> null;
    dag.submitJob(
        new DagScheduler.ActiveJobRequest(
            0,
            node,
            (TaskFunction) neverRun,
            IntStream.range(0, node.numPartitions()).toArray(),
            (index, value) -> results.put(index, value),
            waiter,
            null));
    return waiter;
  }

  // ---- tasks ----

  /** The tasks launched and not ended, in launch order. */
  private List<TaskDescription> runningTasks() {
    return backend.launched.stream().filter(t -> !backend.ended.contains(t.taskId())).toList();
  }

  private TaskDescription taskFor(int stageId, int stageAttempt, int partition) {
    return runningTasks().stream()
        .filter(
            t ->
                t.stageId() == stageId
                    && t.stageAttempt() == stageAttempt
                    && t.partition() == partition)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task of " + stageId + " for " + partition));
  }

  /** The partitions of the running tasks of a stage, sorted. */
  private List<Integer> partitionsOf(int stageId) {
    return runningTasks().stream()
        .filter(t -> t.stageId() == stageId)
        .map(TaskDescription::partition)
        .sorted()
        .toList();
  }

  /** Succeeds the running tasks of the map stage attempt launched last; returns that stage. */
  private int finishMaps() {
    TaskDescription last = backend.launched.get(backend.launched.size() - 1);
    for (TaskDescription t : runningTasks()) {
      if (t.stageId() == last.stageId() && t.stageAttempt() == last.stageAttempt()) {
        succeedMap(t);
      }
    }
    return last.stageId();
  }

  private void finishResults(String prefix) {
    for (TaskDescription t : runningTasks()) {
      succeedResult(t, prefix + t.partition());
    }
  }

  private void succeedMap(TaskDescription t) {
    MapStatus status =
        new MapStatus("e1", "hostA", 0, t.partition(), t.partition(), new long[] {1, 1});
    end(t, new TaskEndReason.Success(kryo.serialize(status), List.of(), null));
  }

  private void succeedResult(TaskDescription t, Object value) {
    end(t, new TaskEndReason.Success(kryo.serialize(value), List.of(), null));
  }

  private void fetchFail(TaskDescription t, int shuffleId, int mapId) {
    end(
        t,
        new TaskEndReason.FetchFailed(
            shuffleId, mapId, t.partition(), "e1", "hostA", "map output " + mapId + " is gone"));
  }

  private void killed(TaskDescription t) {
    end(t, new TaskEndReason.Killed("killed"));
  }

  private void end(TaskDescription t, TaskEndReason reason) {
    backend.ended.add(t.taskId());
    tasks.taskEnded(t.taskId(), reason);
  }

  private static final class FakeBackend implements SchedulerBackend {
    final List<TaskDescription> launched = new ArrayList<>();
    final Set<Long> ended = new HashSet<>();
    final List<Long> killed = new ArrayList<>();

    @Override
    public void start(SchedulerCallbacks callbacks) {}

    @Override
    public void launchTask(TaskDescription task) {
      launched.add(task);
    }

    @Override
    public void killTask(String executorId, long taskId, String reason) {
      killed.add(taskId);
    }

    @Override
    public void unpersist(int nodeId) {}

    @Override
    public void removeBroadcast(long broadcastId) {}

    @Override
    public int defaultParallelism() {
      return 1;
    }

    @Override
    public String applicationId() {
      return "test";
    }

    @Override
    public void stop() {}
  }
}
