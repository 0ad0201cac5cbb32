package dev.weft.bench.weft;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scheduler-scale benchmark: one job of {@code --tasks} tasks (default 100,000) over {@code
 * --executors} simulated executors (default 1,000) of {@code --cores} cores (default 1), through
 * the real driver ({@link WeftContext}: DAG scheduler, task scheduler, listener bus, status store,
 * dynamic allocation, the event log in a temporary directory) with a {@link SimulatedBackend} that
 * ends every task as soon as it is launched. {@code --stages 2} runs half the tasks as maps that
 * shuffle into the other half.
 *
 * <p>Measures task launches per second from job submit to job end, and the driver's peak used heap
 * over the job (the sum of the heap pools' peaks, reset after a GC before the job). Ends with the
 * line {@code BENCH-SCHEDULER tasks=<n> executors=<n> millis=<n> launchesPerSecond=<n>
 * driverHeapMb=<n>} that the orchestrator parses.
 */
public final class SchedulerScale {
  private SchedulerScale() {}

  public static void main(String[] args) throws IOException {
    int tasks = 100_000;
    int executors = 1_000;
    int cores = 1;
    int stages = 1;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        usage("missing the value of " + flag);
      }
      int value = positive(flag, args[++i]);
      switch (flag) {
        case "--tasks" -> tasks = value;
        case "--executors" -> executors = value;
        case "--cores" -> cores = value;
        case "--stages" -> stages = value;
        default -> usage("unknown option " + flag);
      }
    }
    if (stages > 2 || (stages == 2 && tasks < 2)) {
      usage("--stages must be 1 or 2 (2 needs at least 2 tasks), got " + stages);
    }
    run(tasks, executors, cores, stages);
  }

  private static void run(int tasks, int executors, int cores, int stages) throws IOException {
    SimulatedBackend.simulate(executors, cores);
    // The driver writes its event log as under YARN, to a local directory removed at the end.
    Path eventLogDir = Files.createTempDirectory("weft-bench-sched-events");
    WeftConf conf =
        new WeftConf()
            .setAppName("weft-bench scheduler-scale")
            .setMaster("yarn")
            .set("weft.eventLog.dir", eventLogDir.toUri().toString())
            .set("weft.dynamicAllocation.enabled", "true")
            .set("weft.dynamicAllocation.maxExecutors", Integer.toString(executors))
            .set("weft.dynamicAllocation.initialExecutors", Integer.toString(executors))
            .set("weft.executor.cores", Integer.toString(cores));
    long millis;
    long launched;
    long peakHeapBytes;
    long cpuMillis;
    long schedulerCpuMillis;
    long busCpuMillis;
    try (WeftContext weft = new WeftContext(conf)) {
      // The dataset is built before the clock starts: only the job is timed.
      dev.weft.api.Dataset<Integer> source =
          weft.parallelize(List.<Integer>of(), stages == 1 ? tasks : tasks / 2);
      resetPeakHeap();
      long cpuStart = processCpuNanos();
      long schedulerCpuStart = threadCpuNanos("weft-scheduler");
      long busCpuStart = threadCpuNanos("weft-listener-bus");
      long start = System.nanoTime();
      long count =
          stages == 1
              ? source.count()
              : source
                  .mapToPair(x -> new dev.weft.api.Tuple2<>(x, x))
                  .reduceByKey(Integer::sum, tasks - tasks / 2)
                  .count();
      millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
      cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
      schedulerCpuMillis = (threadCpuNanos("weft-scheduler") - schedulerCpuStart) / 1_000_000;
      busCpuMillis = (threadCpuNanos("weft-listener-bus") - busCpuStart) / 1_000_000;
      peakHeapBytes = peakHeap();
      launched = SimulatedBackend.lastCreated().launched();
      if (count != 0) {
        throw new IllegalStateException("The simulated tasks counted " + count + ", expected 0");
      }
    }
    deleteTree(eventLogDir);
    long perSecond = launched * 1000 / millis;
    long heapMb = peakHeapBytes / (1024 * 1024);
    System.out.printf(
        "Scheduler scale: %,d tasks (%d stage%s) on %,d executors x %d cores in %,d ms:"
            + " %,d launches/s, driver peak heap %,d MB; CPU %,d ms (scheduler thread %,d ms,"
            + " listener bus %,d ms)%n",
        launched,
        stages,
        stages == 1 ? "" : "s",
        executors,
        cores,
        millis,
        perSecond,
        heapMb,
        cpuMillis,
        schedulerCpuMillis,
        busCpuMillis);
    System.out.println(
        "BENCH-SCHEDULER tasks="
            + launched
            + " executors="
            + executors
            + " millis="
            + millis
            + " launchesPerSecond="
            + perSecond
            + " driverHeapMb="
            + heapMb);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The CPU time of the whole JVM (on a loaded machine, steadier than wall time). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The CPU time of the driver's thread named {@code name}, or -1. */
  private static long threadCpuNanos(String name) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().equals(name)) {
        return threads.getThreadCpuTime(t.getThreadId());
      }
    }
    return -1;
  }

  private static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    usage(flag + " must be a positive integer, got '" + value + "'");
    return 0;
  }

  private static void usage(String problem) {
    System.err.println(
        "SchedulerScale: "
            + problem
            + "; usage: SchedulerScale [--tasks N] [--executors N] [--cores N] [--stages 1|2]");
    System.exit(2);
  }
}
