package dev.weft.core.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The status of one application, built from its {@link StatusEvent}s (live from the driver, or
 * replayed from an event log): overview, jobs, stages with their tasks, executors and cached
 * datasets. Bounded: finished jobs, stages, tasks of a stage and removed executors beyond the
 * {@link Limits} are forgotten oldest first. Thread-safe: events arrive on one thread, readers take
 * immutable {@link Views}.
 */
public final class AppStatusStore implements Consumer<StatusEvent> {

  /** How much the store keeps (see {@code weft.ui.retained*}). */
  public record Limits(int jobs, int stages, int tasksPerStage, int deadExecutors) {
    public static final Limits DEFAULT = new Limits(1000, 1000, 10_000, 100);
  }

  private static final int MAX_EXECUTOR_POINTS = 2000;

  private final Limits limits;
  private final LongSupplier clock;

  private String appId;
  private String attemptId;
  private String name = "";
  private String user = "";
  private long startTime;
  private long endTime;
  private String failure;
  private Map<String, String> config = Map.of();
  private final List<Views.ExecutorCount> executorCounts = new ArrayList<>();

  private final Map<Integer, JobState> jobs = new LinkedHashMap<>();
  private final Map<Long, StageState> stages = new LinkedHashMap<>();
  private final Map<Integer, StageState> latestAttempt = new HashMap<>();
  private final Map<String, ExecutorState> executors = new LinkedHashMap<>();
  private final Map<Integer, DatasetState> datasets = new TreeMap<>();
  private int completedJobs;
  private int failedJobs;

  /**
   * @param clock epoch milliseconds, for the duration of what still runs
   */
  public AppStatusStore(Limits limits, LongSupplier clock) {
    this.limits = limits;
    this.clock = clock;
  }

  // ---- events ----

  @Override
  public synchronized void accept(StatusEvent event) {
    if (event instanceof StatusEvent.AppStarted e) {
      appId = e.appId();
      attemptId = e.attemptId();
      name = e.name();
      user = e.user();
      startTime = e.time();
      config = Map.copyOf(e.config());
      countExecutors(e.time());
    } else if (event instanceof StatusEvent.AppEnded e) {
      endTime = e.time();
      failure = e.failure();
    } else if (event instanceof StatusEvent.JobStarted e) {
      jobStarted(e);
    } else if (event instanceof StatusEvent.JobEnded e) {
      jobEnded(e);
    } else if (event instanceof StatusEvent.StageSubmitted e) {
      stageSubmitted(e);
    } else if (event instanceof StatusEvent.StageCompleted e) {
      stageCompleted(e);
    } else if (event instanceof StatusEvent.TaskStarted e) {
      taskStarted(e);
    } else if (event instanceof StatusEvent.TaskEnded e) {
      taskEnded(e);
    } else if (event instanceof StatusEvent.ExecutorAdded e) {
      executors.put(e.executorId(), new ExecutorState(e));
      countExecutors(e.time());
    } else if (event instanceof StatusEvent.ExecutorRemoved e) {
      executorRemoved(e);
    } else if (event instanceof StatusEvent.DatasetCached e) {
      datasets.computeIfAbsent(e.nodeId(), id -> new DatasetState(e));
    } else if (event instanceof StatusEvent.DatasetUnpersisted e) {
      datasets.remove(e.nodeId());
    } else if (event instanceof StatusEvent.BlockUpdated e) {
      blockUpdated(e);
    }
  }

  private void jobStarted(StatusEvent.JobStarted e) {
    JobState job = new JobState(e);
    jobs.put(e.jobId(), job);
    for (StatusEvent.StageRef s : e.stages()) {
      StageState latest = latestAttempt.get(s.stageId());
      if (latest != null && latest.status.equals("ACTIVE")) {
        job.submitted.add(s.stageId()); // shared with a job still running
        latest.jobIds.add(e.jobId());
      }
    }
    trimJobs();
  }

  private void jobEnded(StatusEvent.JobEnded e) {
    JobState job = jobs.get(e.jobId());
    if (job == null) {
      return;
    }
    job.completionTime = e.time();
    job.failure = e.failure();
    job.status = e.failure() == null ? "SUCCEEDED" : "FAILED";
    if (e.failure() == null) {
      completedJobs++;
    } else {
      failedJobs++;
    }
    trimJobs();
  }

  private void stageSubmitted(StatusEvent.StageSubmitted e) {
    StageState s = new StageState(e);
    stages.put(key(e.stageId(), e.attempt()), s);
    latestAttempt.put(e.stageId(), s);
    for (JobState job : jobs.values()) {
      if (job.status.equals("RUNNING") && job.stageIds.contains(e.stageId())) {
        job.submitted.add(e.stageId());
        s.jobIds.add(job.jobId);
      }
    }
    trimStages();
  }

  private void stageCompleted(StatusEvent.StageCompleted e) {
    StageState s = stages.get(key(e.stageId(), e.attempt()));
    if (s == null) {
      return;
    }
    s.completionTime = e.time();
    s.failure = e.failure();
    s.status = e.failure() == null ? "COMPLETE" : "FAILED";
    trimStages();
  }

  private void taskStarted(StatusEvent.TaskStarted e) {
    StageState s = stages.get(key(e.task().stageId(), e.task().stageAttempt()));
    if (s != null) {
      s.tasks.put(e.task().taskId(), new TaskState(e.task()));
      s.active++;
      s.trimTasks(limits.tasksPerStage);
    }
    ExecutorState ex = executors.get(e.task().executorId());
    if (ex != null) {
      ex.activeTasks++;
    }
    for (JobState job : jobsOf(s)) {
      job.activeTasks++;
    }
  }

  private void taskEnded(StatusEvent.TaskEnded e) {
    StatusEvent.TaskRef ref = e.task();
    StageState s = stages.get(key(ref.stageId(), ref.stageAttempt()));
    TaskFigures m = e.metrics() == null ? TaskFigures.ZERO : e.metrics();
    boolean wasRunning = false;
    if (s != null) {
      TaskState t = s.tasks.get(ref.taskId());
      if (t == null) {
        t = new TaskState(ref);
        s.tasks.put(ref.taskId(), t);
      } else {
        wasRunning = t.status.equals("RUNNING");
      }
      t.status = e.outcome().name();
      t.finishTime = e.time();
      t.error = e.error();
      t.metrics = e.metrics();
      if (wasRunning) {
        s.active--;
      }
      switch (e.outcome()) {
        case SUCCESS -> s.complete++;
        case FAILED, FETCH_FAILED -> s.failed++;
        default -> s.killed++;
      }
      s.totals = s.totals.plus(m);
      s.trimTasks(limits.tasksPerStage);
    }
    ExecutorState ex = executors.get(ref.executorId());
    if (ex != null) {
      ex.activeTasks = Math.max(0, ex.activeTasks - 1);
      if (e.outcome() == TaskOutcome.SUCCESS) {
        ex.completedTasks++;
      } else if (e.outcome().isFailure()) {
        ex.failedTasks++;
      }
      ex.totalDuration += Math.max(0, e.time() - ref.launchTime());
      ex.figures = ex.figures.plus(m);
    }
    for (JobState job : jobsOf(s)) {
      if (wasRunning) {
        job.activeTasks = Math.max(0, job.activeTasks - 1);
      }
      if (e.outcome() == TaskOutcome.SUCCESS) {
        job.completedTasks++;
      } else if (e.outcome().isFailure()) {
        job.failedTasks++;
      }
    }
  }

  private List<JobState> jobsOf(StageState s) {
    List<JobState> out = new ArrayList<>();
    if (s != null) {
      for (int id : s.jobIds) {
        JobState j = jobs.get(id);
        if (j != null) {
          out.add(j);
        }
      }
    }
    return out;
  }

  private void executorRemoved(StatusEvent.ExecutorRemoved e) {
    ExecutorState ex = executors.get(e.executorId());
    if (ex != null && ex.removeTime == 0) {
      ex.removeTime = e.time();
      ex.removeReason = e.reason();
      ex.activeTasks = 0;
    }
    for (DatasetState d : datasets.values()) {
      d.blocks.values().forEach(m -> m.remove(e.executorId()));
      d.blocks.values().removeIf(Map::isEmpty);
    }
    countExecutors(e.time());
    List<ExecutorState> dead = executors.values().stream().filter(x -> x.removeTime > 0).toList();
    for (int i = 0; i < dead.size() - limits.deadExecutors; i++) {
      executors.remove(dead.get(i).id);
    }
  }

  private void blockUpdated(StatusEvent.BlockUpdated e) {
    DatasetState d = datasets.get(e.nodeId());
    if (d == null) {
      return;
    }
    if ("NONE".equals(e.level())) {
      Map<String, long[]> m = d.blocks.get(e.partition());
      if (m != null) {
        m.remove(e.executorId());
        if (m.isEmpty()) {
          d.blocks.remove(e.partition());
        }
      }
    } else {
      d.blocks
          .computeIfAbsent(e.partition(), p -> new TreeMap<>())
          .put(e.executorId(), new long[] {e.memoryBytes(), e.diskBytes()});
    }
  }

  private void countExecutors(long time) {
    int live = (int) executors.values().stream().filter(x -> x.removeTime == 0).count();
    if (!executorCounts.isEmpty()
        && executorCounts.get(executorCounts.size() - 1).executors() == live) {
      return;
    }
    executorCounts.add(new Views.ExecutorCount(time, live));
    if (executorCounts.size() > MAX_EXECUTOR_POINTS) {
      // Halve the resolution of the older half; the shape stays, the memory stays bounded.
      for (int i = 1; i < executorCounts.size() / 2; i++) {
        executorCounts.remove(i);
      }
    }
  }

  private void trimJobs() {
    Iterator<JobState> it = jobs.values().iterator();
    int excess = jobs.size() - limits.jobs;
    while (excess > 0 && it.hasNext()) {
      if (!it.next().status.equals("RUNNING")) {
        it.remove();
        excess--;
      }
    }
  }

  private void trimStages() {
    Iterator<StageState> it = stages.values().iterator();
    int excess = stages.size() - limits.stages;
    while (excess > 0 && it.hasNext()) {
      StageState s = it.next();
      if (!s.status.equals("ACTIVE")) {
        it.remove();
        if (latestAttempt.get(s.stageId) == s) {
          latestAttempt.remove(s.stageId);
        }
        excess--;
      }
    }
  }

  private static long key(int stageId, int attempt) {
    return ((long) stageId << 20) | attempt;
  }

  // ---- views ----

  /** The application's overview. */
  public synchronized Views.Application application() {
    int live = (int) executors.values().stream().filter(x -> x.removeTime == 0).count();
    int active = (int) jobs.values().stream().filter(j -> j.status.equals("RUNNING")).count();
    String state = endTime == 0 ? "RUNNING" : failure == null ? "SUCCEEDED" : "FAILED";
    return new Views.Application(
        appId,
        attemptId,
        name,
        user,
        state,
        startTime,
        endTime,
        duration(startTime, endTime),
        failure,
        live,
        completedJobs,
        failedJobs,
        active,
        new TreeMap<>(config),
        List.copyOf(executorCounts));
  }

  /** Jobs, newest first. */
  public synchronized List<Views.Job> jobs() {
    List<Views.Job> out = new ArrayList<>();
    for (JobState j : jobs.values()) {
      out.add(view(j));
    }
    out.sort(Comparator.comparingInt(Views.Job::jobId).reversed());
    return out;
  }

  /** A job, or null when unknown or forgotten. */
  public synchronized Views.Job job(int jobId) {
    JobState j = jobs.get(jobId);
    return j == null ? null : view(j);
  }

  /** The stages of a job with their state in it, as its DAG shows them; null for no such job. */
  public synchronized List<Views.DagNode> dag(int jobId) {
    JobState j = jobs.get(jobId);
    if (j == null) {
      return null;
    }
    List<Views.DagNode> out = new ArrayList<>();
    for (StatusEvent.StageRef ref : j.stages) {
      String status = stageStatusInJob(j, ref.stageId());
      StageState s = latestAttempt.get(ref.stageId());
      out.add(
          new Views.DagNode(
              ref.stageId(),
              s == null ? 0 : s.attempt,
              ref.name(),
              ref.numTasks(),
              ref.shuffleMap(),
              ref.parentIds(),
              status));
    }
    out.sort(Comparator.comparingInt(Views.DagNode::stageId));
    return out;
  }

  private String stageStatusInJob(JobState j, int stageId) {
    if (!j.submitted.contains(stageId)) {
      return j.status.equals("RUNNING") ? "PENDING" : "SKIPPED";
    }
    StageState s = latestAttempt.get(stageId);
    return s == null ? "COMPLETE" : s.status;
  }

  private Views.Job view(JobState j) {
    int activeStages = 0;
    int completedStages = 0;
    int failedStages = 0;
    int skipped = 0;
    int numTasks = 0;
    for (StatusEvent.StageRef ref : j.stages) {
      String st = stageStatusInJob(j, ref.stageId());
      switch (st) {
        case "ACTIVE" -> activeStages++;
        case "COMPLETE" -> completedStages++;
        case "FAILED" -> failedStages++;
        case "SKIPPED" -> skipped++;
        default -> {}
      }
      if (!st.equals("SKIPPED")) {
        numTasks += ref.numTasks();
      }
    }
    return new Views.Job(
        j.jobId,
        j.name,
        j.status,
        j.submissionTime,
        j.completionTime,
        duration(j.submissionTime, j.completionTime),
        j.failure,
        j.stages.stream().map(StatusEvent.StageRef::stageId).sorted().toList(),
        numTasks,
        j.activeTasks,
        j.completedTasks,
        j.failedTasks,
        activeStages,
        completedStages,
        skipped,
        failedStages);
  }

  /** Every retained stage attempt, newest first. */
  public synchronized List<Views.Stage> stages() {
    List<Views.Stage> out = new ArrayList<>();
    for (StageState s : stages.values()) {
      out.add(view(s));
    }
    out.sort(
        Comparator.comparingInt(Views.Stage::stageId)
            .thenComparingInt(Views.Stage::attempt)
            .reversed());
    return out;
  }

  /** A stage attempt, or null. */
  public synchronized Views.Stage stage(int stageId, int attempt) {
    StageState s = stages.get(key(stageId, attempt));
    return s == null ? null : view(s);
  }

  /** The latest attempt of a stage, or null. */
  public synchronized Views.Stage latestStage(int stageId) {
    StageState s = latestAttempt.get(stageId);
    return s == null ? null : view(s);
  }

  /** A stage attempt's retained tasks in launch order, or null for no such attempt. */
  public synchronized List<Views.Task> tasks(int stageId, int attempt) {
    StageState s = stages.get(key(stageId, attempt));
    if (s == null) {
      return null;
    }
    long now = clock.getAsLong();
    List<Views.Task> out = new ArrayList<>();
    for (TaskState t : s.tasks.values()) {
      StatusEvent.TaskRef r = t.ref;
      out.add(
          new Views.Task(
              r.taskId(),
              r.index(),
              r.partition(),
              r.attempt(),
              r.executorId(),
              r.host(),
              r.locality(),
              t.status,
              r.launchTime(),
              t.finishTime,
              Math.max(0, (t.finishTime == 0 ? now : t.finishTime) - r.launchTime()),
              t.error,
              t.metrics));
    }
    return out;
  }

  private Views.Stage view(StageState s) {
    return new Views.Stage(
        s.stageId,
        s.attempt,
        s.name,
        s.status,
        s.shuffleMap,
        s.parentIds,
        s.jobIds.stream().sorted().toList(),
        s.submissionTime,
        s.completionTime,
        duration(s.submissionTime, s.completionTime),
        s.failure,
        s.numTasks,
        s.active,
        s.complete,
        s.failed,
        s.killed,
        s.totals);
  }

  /** Executors, live and retained removed ones, in order of registration. */
  public synchronized List<Views.Executor> executors() {
    Map<String, long[]> storage = new HashMap<>();
    for (DatasetState d : datasets.values()) {
      for (Map<String, long[]> m : d.blocks.values()) {
        m.forEach(
            (ex, b) -> {
              long[] sum = storage.computeIfAbsent(ex, k -> new long[3]);
              sum[0] += b[0];
              sum[1] += b[1];
              sum[2]++;
            });
      }
    }
    List<Views.Executor> out = new ArrayList<>();
    for (ExecutorState e : executors.values()) {
      long[] st = storage.getOrDefault(e.id, new long[3]);
      out.add(
          new Views.Executor(
              e.id,
              e.host,
              e.cores,
              e.maxMemory,
              e.removeTime == 0,
              e.addTime,
              e.removeTime,
              e.removeReason,
              e.logUrl,
              st[0],
              st[1],
              (int) st[2],
              e.activeTasks,
              e.completedTasks,
              e.failedTasks,
              e.totalDuration,
              e.figures.gcTimeMillis(),
              e.figures.inputBytes(),
              e.figures.shuffleReadBytes(),
              e.figures.shuffleWriteBytes()));
    }
    return out;
  }

  /** Cached datasets with where their partitions are. */
  public synchronized List<Views.Dataset> datasets() {
    List<Views.Dataset> out = new ArrayList<>();
    for (DatasetState d : datasets.values()) {
      long mem = 0;
      long disk = 0;
      List<Views.Block> blocks = new ArrayList<>();
      for (Map.Entry<Integer, Map<String, long[]>> p : d.blocks.entrySet()) {
        for (Map.Entry<String, long[]> b : p.getValue().entrySet()) {
          mem += b.getValue()[0];
          disk += b.getValue()[1];
          blocks.add(new Views.Block(p.getKey(), b.getKey(), b.getValue()[0], b.getValue()[1]));
        }
      }
      int cached = d.blocks.size();
      out.add(
          new Views.Dataset(
              d.nodeId,
              d.name,
              d.level,
              d.numPartitions,
              cached,
              d.numPartitions == 0 ? 0 : Math.min(1.0, (double) cached / d.numPartitions),
              mem,
              disk,
              blocks));
    }
    return out;
  }

  private long duration(long start, long end) {
    if (start == 0) {
      return 0;
    }
    return Math.max(0, (end == 0 ? clock.getAsLong() : end) - start);
  }

  // ---- mutable state, guarded by this ----

  private static final class JobState {
    final int jobId;
    final String name;
    final long submissionTime;
    final List<StatusEvent.StageRef> stages;
    final Set<Integer> stageIds = new HashSet<>();
    final Set<Integer> submitted = new HashSet<>();
    String status = "RUNNING";
    long completionTime;
    String failure;
    int activeTasks;
    int completedTasks;
    int failedTasks;

    JobState(StatusEvent.JobStarted e) {
      this.jobId = e.jobId();
      this.name = e.name();
      this.submissionTime = e.time();
      this.stages = e.stages();
      e.stages().forEach(s -> stageIds.add(s.stageId()));
    }
  }

  private static final class StageState {
    final int stageId;
    final int attempt;
    final String name;
    final int numTasks;
    final boolean shuffleMap;
    final List<Integer> parentIds;
    final long submissionTime;
    final Set<Integer> jobIds = new HashSet<>();
    final LinkedHashMap<Long, TaskState> tasks = new LinkedHashMap<>();
    String status = "ACTIVE";
    long completionTime;
    String failure;
    int active;
    int complete;
    int failed;
    int killed;
    TaskFigures totals = TaskFigures.ZERO;

    StageState(StatusEvent.StageSubmitted e) {
      this.stageId = e.stageId();
      this.attempt = e.attempt();
      this.name = e.name();
      this.numTasks = e.numTasks();
      this.shuffleMap = e.shuffleMap();
      this.parentIds = e.parentIds();
      this.submissionTime = e.time();
    }

    /** Forgets the oldest ended tasks beyond {@code max}; running tasks stay. */
    void trimTasks(int max) {
      int excess = tasks.size() - max;
      Iterator<TaskState> it = tasks.values().iterator();
      while (excess > 0 && it.hasNext()) {
        if (!it.next().status.equals("RUNNING")) {
          it.remove();
          excess--;
        }
      }
    }
  }

  private static final class TaskState {
    final StatusEvent.TaskRef ref;
    String status = "RUNNING";
    long finishTime;
    String error;
    TaskFigures metrics;

    TaskState(StatusEvent.TaskRef ref) {
      this.ref = ref;
    }
  }

  private static final class ExecutorState {
    final String id;
    final String host;
    final int cores;
    final long maxMemory;
    final long addTime;
    final String logUrl;
    long removeTime;
    String removeReason;
    int activeTasks;
    int completedTasks;
    int failedTasks;
    long totalDuration;
    TaskFigures figures = TaskFigures.ZERO;

    ExecutorState(StatusEvent.ExecutorAdded e) {
      this.id = e.executorId();
      this.host = e.host();
      this.cores = e.cores();
      this.maxMemory = e.maxMemoryBytes();
      this.addTime = e.time();
      this.logUrl = e.logUrl();
    }
  }

  private static final class DatasetState {
    final int nodeId;
    final String name;
    final int numPartitions;
    final String level;
    // partition -> executor -> {memory, disk}
    final Map<Integer, Map<String, long[]>> blocks = new TreeMap<>();

    DatasetState(StatusEvent.DatasetCached e) {
      this.nodeId = e.nodeId();
      this.name = e.name();
      this.numPartitions = e.numPartitions();
      this.level = e.level();
    }
  }
}
