package dev.weft.core.scheduler;

import dev.weft.core.plan.Dependency;
import dev.weft.core.plan.NarrowDependency;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.plan.TaskLocation;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.StageBinary;
import dev.weft.core.serial.JavaSerializer;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.spi.scheduler.TaskEndReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns a job into stages cut at shuffle dependencies, submits parent stages first, reuses map
 * outputs that exist, and recomputes only lost map outputs after a fetch failure, except for a map
 * stage whose output is indeterminate: that one is recomputed whole, with the stages that read it.
 * Results of abandoned stage attempts are ignored. Runs only on the scheduler thread ({@link
 * SchedulerLoop}); every method is called from there.
 */
final class DagScheduler implements TaskSchedulerListener {
  private static final Logger LOG = LogManager.getLogger(DagScheduler.class);

  private final SchedulerContext ctx;
  private TaskScheduler taskScheduler;

  private final Map<Integer, Stage> stages = new HashMap<>();
  private final Map<Integer, ShuffleMapStage> shuffleStages = new HashMap<>();
  private final Set<Stage> waiting = new LinkedHashSet<>();
  private final Set<Stage> running = new LinkedHashSet<>();
  private final Set<Stage> failed = new LinkedHashSet<>();
  private final Map<Integer, ActiveJob> jobs = new HashMap<>();
  private int nextStageId;

  /** What the DAG scheduler needs from the driver. */
  record SchedulerContext(
      MapOutputTracker mapOutputs,
      CacheTracker cache,
      AccumulatorRegistry accumulators,
      KryoSerializer serializer,
      ListenerBus bus,
      LongSupplier clockMillis,
      OutputCommitCoordinator commits,
      int maxConsecutiveStageAttempts,
      long maxResultBytes,
      HostNames hostNames,
      Runnable scheduleResubmit) {}

  DagScheduler(SchedulerContext ctx) {
    this.ctx = ctx;
  }

  void setTaskScheduler(TaskScheduler taskScheduler) {
    this.taskScheduler = taskScheduler;
  }

  // ---- jobs ----

  void submitJob(ActiveJobRequest request) {
    ResultStage stage;
    try {
      stage =
          new ResultStage(
              nextStageId++,
              request.node(),
              request.function(),
              request.partitions(),
              parentStages(request.node(), request.jobId()),
              request.jobId());
    } catch (RuntimeException e) {
      request.waiter().fail("Job " + request.jobId() + " could not be planned: " + e, e);
      return;
    }
    stages.put(stage.id, stage);
    ActiveJob job = new ActiveJob(request.jobId(), stage, request.handler(), request.waiter());
    stage.job = job;
    jobs.put(job.jobId, job);
    List<Integer> stageIds = new ArrayList<>();
    collectStages(stage, job.jobId, stageIds, new HashSet<>());
    LOG.info(
        "Job {} submitted: {} over {} partitions, {} stages",
        job.jobId,
        request.name() != null ? request.name() : stage.name(),
        request.partitions().length,
        stageIds.size());
    List<SchedulerListener.StageInfo> infos = new ArrayList<>();
    for (int id : stageIds) {
      Stage s = stages.get(id);
      infos.add(s.info(Math.max(0, s.latestAttempt), s.numTasks()));
    }
    SchedulerListener.JobInfo jobInfo =
        new SchedulerListener.JobInfo(
            job.jobId, request.name() != null ? request.name() : stage.name(), infos);
    ctx.bus().post(l -> l.onJobStart(jobInfo));
    submitStage(stage);
  }

  /** A job request as the loop receives it from an action. */
  record ActiveJobRequest(
      int jobId,
      PlanNode<?> node,
      dev.weft.core.runtime.TaskFunction<?, ?> function,
      int[] partitions,
      java.util.function.BiConsumer<Integer, Object> handler,
      JobWaiter waiter,
      String name) {}

  private void collectStages(Stage s, int jobId, List<Integer> ids, Set<Stage> seen) {
    if (seen.add(s)) {
      s.jobIds.add(jobId);
      ids.add(s.id);
      for (Stage p : s.parents) {
        collectStages(p, jobId, ids, seen);
      }
    }
  }

  /** The map stages a node's stage directly reads, created (or reused) as needed. */
  private List<Stage> parentStages(PlanNode<?> node, int jobId) {
    List<Stage> parents = new ArrayList<>();
    for (ShuffleDependency<?, ?, ?> dep : shuffleDependenciesOf(node)) {
      parents.add(mapStage(dep, jobId));
    }
    return parents;
  }

  /** The nearest shuffle dependencies above {@code node}, through narrow dependencies. */
  private static List<ShuffleDependency<?, ?, ?>> shuffleDependenciesOf(PlanNode<?> node) {
    List<ShuffleDependency<?, ?, ?>> found = new ArrayList<>();
    Set<Integer> visited = new HashSet<>();
    ArrayDeque<PlanNode<?>> todo = new ArrayDeque<>();
    todo.push(node);
    while (!todo.isEmpty()) {
      PlanNode<?> n = todo.pop();
      if (!visited.add(n.id())) {
        continue;
      }
      for (Dependency d : n.dependencies()) {
        if (d instanceof ShuffleDependency<?, ?, ?> s) {
          found.add(s);
        } else {
          todo.push(((NarrowDependency) d).parent());
        }
      }
    }
    return found;
  }

  private ShuffleMapStage mapStage(ShuffleDependency<?, ?, ?> dep, int jobId) {
    ShuffleMapStage existing = shuffleStages.get(dep.shuffleId());
    if (existing != null) {
      return existing;
    }
    List<Stage> parents = parentStages(dep.parent(), jobId);
    ShuffleMapStage stage =
        new ShuffleMapStage(nextStageId++, dep, parents, jobId, ctx.mapOutputs());
    ctx.mapOutputs().registerShuffle(dep.shuffleId(), dep.numMaps());
    stages.put(stage.id, stage);
    shuffleStages.put(dep.shuffleId(), stage);
    return stage;
  }

  // ---- stages ----

  private void submitStage(Stage stage) {
    if (activeJobFor(stage) == null) {
      LOG.debug("No active job needs {}; not submitting it", stage);
      return;
    }
    if (waiting.contains(stage) || running.contains(stage) || failed.contains(stage)) {
      return;
    }
    List<Stage> missing = missingParents(stage);
    if (missing.isEmpty()) {
      submitMissingTasks(stage);
    } else {
      for (Stage parent : missing) {
        submitStage(parent);
      }
      waiting.add(stage);
    }
  }

  private List<Stage> missingParents(Stage stage) {
    List<Stage> missing = new ArrayList<>();
    for (Stage p : stage.parents) {
      if (p instanceof ShuffleMapStage m && !m.isAvailable()) {
        missing.add(p);
      }
    }
    return missing;
  }

  private ActiveJob activeJobFor(Stage stage) {
    return stage.jobIds.stream()
        .map(jobs::get)
        .filter(j -> j != null)
        .min(Comparator.comparingInt(j -> j.jobId))
        .orElse(null);
  }

  private void submitMissingTasks(Stage stage) {
    List<Stage> rolledBack = List.of();
    if (stage instanceof ShuffleMapStage m
        && m.isIndeterminate()
        && m.latestAttempt >= 0
        && !m.isAvailable()) {
      rolledBack = recomputeWhole(m);
      if (activeJobFor(m) == null) {
        return; // the jobs that needed it could not be rolled back and failed
      }
    }
    ActiveJob job = activeJobFor(stage);
    int[] partitions = stage.missingPartitions();
    int attempt = ++stage.latestAttempt;
    stage.pendingPartitions.clear();
    for (int p : partitions) {
      stage.pendingPartitions.add(p);
    }
    running.add(stage);
    if (stage instanceof ResultStage) {
      ctx.commits().stageStarted(stage.id);
    }
    stage.submittedMillis = ctx.clockMillis().getAsLong();
    SchedulerListener.StageInfo info = stage.info(attempt, partitions.length);
    ctx.bus().post(l -> l.onStageSubmitted(info));
    if (partitions.length == 0) {
      markStageFinished(stage, null);
      submitWaitingChildren();
      return;
    }
    byte[] binary;
    List<List<TaskLocation>> prefs = new ArrayList<>();
    try {
      StageBinary sb = stageBinary(stage);
      binary =
          JavaSerializer.serialize(
              new StageBinary.Shipped(sb, ctx.serializer().avroSchemas().shared()));
      for (int p : partitions) {
        prefs.add(preferredLocations(stage.node, p, new HashSet<>()));
      }
    } catch (RuntimeException e) {
      abortStage(stage, e.getMessage() != null ? e.getMessage() : e.toString(), e);
      return;
    }
    LOG.info(
        "Submitting {} (attempt {}) with {} tasks for job {}",
        stage,
        attempt,
        partitions.length,
        job.jobId);
    taskScheduler.submit(
        new TaskSet(
            stage.id,
            attempt,
            job.jobId,
            partitions,
            prefs,
            binary,
            stage instanceof ShuffleMapStage));
    for (Stage s : rolledBack) {
      submitStage(s);
    }
  }

  /**
   * Drops every output of an indeterminate map stage that lost part of its output, so that all of
   * it is computed again: recomputing only the lost partitions could give records that disagree
   * with what readers already took (a record read twice, or never). Every stage that read it,
   * directly or through other shuffles, is rolled back too; a job whose result stage already
   * returned or committed partitions cannot be, and fails.
   *
   * @return the rolled-back stages that were running, to submit again
   */
  private List<Stage> recomputeWhole(ShuffleMapStage m) {
    LOG.warn(
        "{} ({}) has an indeterminate output and lost part of it: recomputing all {} partitions"
            + " and the stages that read it",
        m,
        m.name(),
        m.numTasks());
    ctx.mapOutputs().unregisterAllMapOutputs(m.dependency.shuffleId());
    abandonAttempts(m, "its output is recomputed whole");
    List<Stage> resubmit = new ArrayList<>();
    rollBackReaders(m, m, new HashSet<>(), resubmit);
    return resubmit;
  }

  private void rollBackReaders(
      ShuffleMapStage changed, ShuffleMapStage origin, Set<Stage> seen, List<Stage> resubmit) {
    for (Stage s : new ArrayList<>(stages.values())) {
      if (!s.parents.contains(changed) || !seen.add(s)) {
        continue;
      }
      if (s instanceof ResultStage r && handedOutResults(r)) {
        failJob(r.job, "Job aborted: " + cannotRollBack(r, origin), null);
        continue;
      }
      LOG.info("Rolling back {} ({}): {} is recomputed whole", s, s.name(), origin);
      if (abandonAttempts(s, "rolled back: " + origin + " is recomputed whole")) {
        resubmit.add(s);
      }
      if (s instanceof ShuffleMapStage reader) {
        ctx.mapOutputs().unregisterAllMapOutputs(reader.dependency.shuffleId());
        rollBackReaders(reader, origin, seen, resubmit);
      }
    }
  }

  /** Whether a result stage's job took results (or let output commit) that it cannot give back. */
  private boolean handedOutResults(ResultStage r) {
    ActiveJob job = r.job;
    return job != null
        && jobs.containsKey(job.jobId)
        && (job.numFinished > 0 || ctx.commits().anyAuthorized(r.id));
  }

  private static String cannotRollBack(ResultStage r, ShuffleMapStage origin) {
    return r
        + " ("
        + r.name()
        + ") already returned or committed "
        + r.job.numFinished
        + " of its "
        + r.numTasks()
        + " partitions (or was committing one) from the output of "
        + origin
        + " ("
        + origin.name()
        + "), which is indeterminate (its records may land in other partitions when recomputed,"
        + " e.g. a repartition of shuffled data); part of that output was lost, and recomputing it"
        + " could return different rows. Run the job again, or make the data deterministic before"
        + " it is repartitioned (e.g. sort it)";
  }

  /**
   * Stops a stage's attempts so far and ignores their results and commits from now on.
   *
   * @return whether the stage was running (it must then be submitted again)
   */
  private boolean abandonAttempts(Stage stage, String reason) {
    stage.firstValidAttempt = stage.latestAttempt + 1;
    ctx.commits().refuse(stage.id, taskScheduler.runningTasksOf(stage.id));
    taskScheduler.cancelStage(stage.id, reason);
    stage.pendingPartitions.clear();
    if (running.contains(stage)) {
      markStageFinished(stage, reason);
      return true;
    }
    return false;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static StageBinary stageBinary(Stage stage) {
    if (stage instanceof ShuffleMapStage m) {
      return new StageBinary.MapBinary(m.node, m.dependency);
    }
    ResultStage r = (ResultStage) stage;
    return new StageBinary.ResultBinary(r.node, r.function);
  }

  /**
   * Where a partition is best computed: executors caching it, else the node's own preference (e.g.
   * HDFS block hosts), else that of the first narrow parent partition that has one.
   */
  private List<TaskLocation> preferredLocations(PlanNode<?> node, int partition, Set<Long> seen) {
    if (!seen.add(((long) node.id() << 32) | partition)) {
      return List.of();
    }
    if (node.storageLevel().isValid()) {
      List<TaskLocation> cached = ctx.cache().locations(BlockId.node(node.id(), partition));
      if (!cached.isEmpty()) {
        return cached;
      }
    }
    List<TaskLocation> own = node.preferredLocations(partition);
    if (!own.isEmpty()) {
      // Block hosts as HDFS names them; executors' hosts are YARN's names, canonicalized alike.
      List<TaskLocation> canonical = new ArrayList<>(own.size());
      for (TaskLocation l : own) {
        canonical.add(new TaskLocation(ctx.hostNames().canonical(l.host()), l.executorId()));
      }
      return canonical;
    }
    for (Dependency d : node.dependencies()) {
      if (d instanceof NarrowDependency n) {
        for (int parentPartition : n.parentPartitions(partition)) {
          List<TaskLocation> locs = preferredLocations(n.parent(), parentPartition, seen);
          if (!locs.isEmpty()) {
            return locs;
          }
        }
      }
    }
    return List.of();
  }

  private void markStageFinished(Stage stage, String failure) {
    running.remove(stage);
    if (failure == null) {
      stage.fetchFailedAttempts.clear();
      LOG.info(
          "{} finished in {} ms", stage, ctx.clockMillis().getAsLong() - stage.submittedMillis);
    }
    SchedulerListener.StageInfo info = stage.info(stage.latestAttempt, stage.numTasks());
    ctx.bus().post(l -> l.onStageCompleted(info, failure));
  }

  private void submitWaitingChildren() {
    for (Stage s : new ArrayList<>(waiting)) {
      if (missingParents(s).isEmpty()) {
        waiting.remove(s);
        submitStage(s);
      }
    }
  }

  /** Resubmits the stages that failed on fetch failures, after their map outputs were lost. */
  void resubmitFailedStages() {
    if (failed.isEmpty()) {
      return;
    }
    LOG.info("Resubmitting failed stages {}", failed);
    List<Stage> toSubmit = new ArrayList<>(failed);
    failed.clear();
    toSubmit.sort(Comparator.comparingInt(s -> s.firstJobId));
    for (Stage s : toSubmit) {
      submitStage(s);
    }
  }

  // ---- task events ----

  @Override
  public void taskStarted(TaskInfo task) {
    ctx.bus().post(l -> l.onTaskStart(task));
  }

  @Override
  public void taskEnded(TaskInfo task, TaskEndReason reason) {
    dev.weft.core.runtime.TaskMetrics metrics = null;
    if (reason instanceof TaskEndReason.Success s) {
      metrics = s.metrics();
    } else if (reason instanceof TaskEndReason.ExceptionFailure f) {
      metrics = f.metrics();
    }
    dev.weft.core.runtime.TaskMetrics reported = metrics;
    ctx.bus().post(l -> l.onTaskEnd(task, reason, reported));
    if (!(reason instanceof TaskEndReason.Success)) {
      ctx.commits().taskFailed(task.stageId(), task.partition(), task.taskId());
    }
    Stage stage = stages.get(task.stageId());
    if (stage == null) {
      return; // its jobs are gone
    }
    if (reason instanceof TaskEndReason.Success s) {
      handleSuccess(stage, task, s);
    } else if (reason instanceof TaskEndReason.FetchFailed f) {
      handleFetchFailure(stage, task, f);
    } else if (reason instanceof TaskEndReason.ExceptionFailure f) {
      LOG.warn(
          "Lost task {} (partition {}) of stage {}.{} on {}: {}",
          task.taskId(),
          task.partition(),
          task.stageId(),
          task.stageAttempt(),
          task.executorId(),
          f.describe());
    } else {
      LOG.info("Task {} ended: {}", task.taskId(), reason);
    }
  }

  private void handleSuccess(Stage stage, TaskInfo task, TaskEndReason.Success s) {
    if (task.stageAttempt() < stage.firstValidAttempt) {
      LOG.info(
          "Ignoring the result of task {} (partition {}) of abandoned attempt {} of {}",
          task.taskId(),
          task.partition(),
          task.stageAttempt(),
          stage);
      return;
    }
    if (stage instanceof ResultStage r) {
      handleResult(r, task, s);
      return;
    }
    ShuffleMapStage m = (ShuffleMapStage) stage;
    MapStatus status;
    try {
      status = ctx.serializer().readEngine(s.value(), MapStatus.class);
      ctx.accumulators().merge(s.accumulators());
    } catch (RuntimeException e) {
      abortStage(
          m,
          "The map status of task " + task.taskId() + " could not be read: " + e.getMessage(),
          e);
      return;
    }
    ctx.mapOutputs().registerMapOutput(m.dependency.shuffleId(), status);
    taskScheduler.partitionCompleted(m.id, task.partition());
    m.pendingPartitions.remove(task.partition());
    if (running.contains(m) && m.pendingPartitions.isEmpty()) {
      markStageFinished(m, null);
      if (m.isAvailable()) {
        submitWaitingChildren();
      } else {
        // Outputs were lost while the stage ran: compute the missing ones again.
        submitStage(m);
      }
    }
  }

  private void handleResult(ResultStage stage, TaskInfo task, TaskEndReason.Success s) {
    ActiveJob job = stage.job;
    Integer index = job == null ? null : job.outputIndex.get(task.partition());
    if (job == null || !jobs.containsKey(job.jobId) || job.finished[index]) {
      return;
    }
    job.resultBytes += s.value().length;
    if (ctx.maxResultBytes() > 0 && job.resultBytes > ctx.maxResultBytes()) {
      failJob(
          job,
          "Total size of serialized results ("
              + job.resultBytes
              + " bytes) is bigger than weft.driver.maxResultSize ("
              + ctx.maxResultBytes()
              + " bytes)",
          null);
      return;
    }
    // A result that cannot be read or handled fails its own job, never the scheduler.
    try {
      Object value = ctx.serializer().deserialize(s.value());
      ctx.accumulators().merge(s.accumulators());
      job.resultHandler.accept(index, value);
    } catch (RuntimeException e) {
      failJob(
          job,
          "The result of partition "
              + task.partition()
              + " of job "
              + job.jobId
              + " could not be read on the driver: "
              + e.getMessage(),
          e);
      return;
    }
    job.finished[index] = true;
    job.numFinished++;
    taskScheduler.partitionCompleted(stage.id, task.partition());
    stage.pendingPartitions.remove(task.partition());
    if (job.numFinished == job.finished.length) {
      markStageFinished(stage, null);
      finishJob(job, null, null);
    }
  }

  private void handleFetchFailure(Stage stage, TaskInfo task, TaskEndReason.FetchFailed f) {
    ShuffleMapStage mapStage = shuffleStages.get(f.shuffleId());
    if (task.stageAttempt() != stage.latestAttempt || activeJobFor(stage) == null) {
      // An old attempt's zombie task, or a stage cancelled with its job: its inputs are fine.
      LOG.info("Ignoring fetch failure from an inactive attempt of {}: {}", stage, f.message());
      return;
    }
    LOG.warn(
        "{} could not read map output {} of shuffle {} on {}: {}",
        stage,
        f.mapId(),
        f.shuffleId(),
        f.host(),
        f.message());
    if (running.contains(stage)) {
      markStageFinished(stage, "fetch failure: " + f.message());
      taskScheduler.markZombie(stage.id, task.stageAttempt());
    }
    stage.fetchFailedAttempts.add(task.stageAttempt());
    if (stage.fetchFailedAttempts.size() >= ctx.maxConsecutiveStageAttempts()) {
      abortStage(
          stage,
          stage
              + " ("
              + stage.name()
              + ") has failed the maximum allowed number of consecutive attempts ("
              + ctx.maxConsecutiveStageAttempts()
              + ", weft.stage.maxConsecutiveAttempts); most recent failure: "
              + f.message(),
          null);
      return;
    }
    if (f.mapId() >= 0 && f.serviceUnreachable()) {
      // The node's shuffle service is gone: so are all its outputs, not only the one read first.
      int lost =
          ctx.mapOutputs().removeOutputsOfServiceOf(f.shuffleId(), f.mapId(), f.executorId());
      LOG.warn("Shuffle service on {} unreachable: {} map outputs lost", f.host(), lost);
    } else if (f.mapId() >= 0) {
      ctx.mapOutputs().unregisterMapOutput(f.shuffleId(), f.mapId(), f.executorId());
    }
    boolean schedule = failed.isEmpty();
    failed.add(stage);
    if (mapStage != null) {
      failed.add(mapStage);
    }
    if (schedule) {
      // Wait briefly so fetch failures of sibling tasks are gathered into one resubmission.
      ctx.scheduleResubmit().run();
    }
  }

  @Override
  public boolean commitDenied(TaskInfo task) {
    return ctx.commits().wasDenied(task.stageId(), task.taskId());
  }

  @Override
  public void taskSetFailed(TaskSet taskSet, String reason, Throwable cause) {
    Stage stage = stages.get(taskSet.stageId());
    if (stage != null && stage.latestAttempt == taskSet.stageAttempt()) {
      abortStage(stage, reason, cause);
    }
  }

  /**
   * Forgets what a lost executor held: its cached blocks and the map outputs it wrote (its local
   * files went with it). Running map stages notice the missing outputs when they finish and compute
   * them again.
   */
  void executorLost(String executorId) {
    ctx.cache().removeExecutor(executorId);
    ctx.mapOutputs().removeOutputsOnExecutor(executorId);
  }

  /**
   * The node of the shuffle service at {@code host:port} is gone, and every map output it served
   * with it. Forgets them now, and stops the running stages that read them: they are resubmitted at
   * once, so their map stages compute the lost partitions again before any reducer fails to fetch
   * them. Not counted as a failed attempt of those stages.
   */
  void shuffleServiceLost(String host, int port, String reason) {
    Set<Integer> shuffles = ctx.mapOutputs().removeOutputsOfService(host, port);
    if (shuffles.isEmpty()) {
      return;
    }
    LOG.warn("Map outputs of shuffles {} on {}:{} are lost: {}", shuffles, host, port, reason);
    for (Stage s : new ArrayList<>(running)) {
      boolean reads =
          s.parents.stream()
              .anyMatch(
                  p ->
                      p instanceof ShuffleMapStage m
                          && shuffles.contains(m.dependency.shuffleId()));
      if (reads && activeJobFor(s) != null) {
        LOG.info("Resubmitting {}: map outputs it reads were lost with node {}", s, host);
        markStageFinished(s, "map outputs lost with node " + host + ": " + reason);
        taskScheduler.markZombie(s.id, s.latestAttempt);
        failed.add(s);
      }
    }
    resubmitFailedStages();
  }

  // ---- failure and cleanup ----

  /** Fails a running job on request (the UI's kill); false when it does not run. */
  boolean cancelJob(int jobId, String reason) {
    ActiveJob job = jobs.get(jobId);
    if (job == null) {
      return false;
    }
    failJob(job, reason, null);
    return true;
  }

  /** Aborts a running stage and fails the jobs that need it (the UI's kill). */
  boolean cancelStage(int stageId, String reason) {
    Stage stage = stages.get(stageId);
    if (stage == null || !running.contains(stage)) {
      return false;
    }
    abortStage(stage, reason, null);
    return true;
  }

  private void abortStage(Stage stage, String reason, Throwable cause) {
    LOG.error("Aborting {}: {}", stage, reason);
    if (running.contains(stage)) {
      markStageFinished(stage, reason);
    }
    for (ActiveJob job : new ArrayList<>(jobs.values())) {
      if (dependsOn(job.finalStage, stage)) {
        failJob(job, "Job aborted due to stage failure: " + reason, cause);
      }
    }
  }

  private boolean dependsOn(Stage stage, Stage target) {
    if (stage == target) {
      return true;
    }
    for (Stage p : stage.parents) {
      if (dependsOn(p, target)) {
        return true;
      }
    }
    return false;
  }

  private void failJob(ActiveJob job, String reason, Throwable cause) {
    finishJob(job, reason, cause);
  }

  void failAllJobs(String reason) {
    for (ActiveJob job : new ArrayList<>(jobs.values())) {
      failJob(job, reason, null);
    }
  }

  private void finishJob(ActiveJob job, String failure, Throwable cause) {
    jobs.remove(job.jobId);
    // Stop the stages no other job needs.
    for (Stage s : new ArrayList<>(stages.values())) {
      if (s.jobIds.remove(job.jobId) && s.jobIds.isEmpty()) {
        if (running.remove(s)) {
          taskScheduler.cancelStage(s.id, "job " + job.jobId + " ended");
          SchedulerListener.StageInfo info = s.info(s.latestAttempt, s.numTasks());
          String why = failure != null ? failure : "job ended";
          ctx.bus().post(l -> l.onStageCompleted(info, why));
        }
        waiting.remove(s);
        failed.remove(s);
        if (s instanceof ResultStage) {
          stages.remove(s.id);
          ctx.commits().stageEnded(s.id);
        }
      }
    }
    ctx.bus().post(l -> l.onJobEnd(job.jobId, failure));
    if (failure == null) {
      LOG.info("Job {} finished", job.jobId);
      job.waiter.succeed();
    } else {
      LOG.error("Job {} failed: {}", job.jobId, failure);
      job.waiter.fail(failure, cause);
    }
  }
}
