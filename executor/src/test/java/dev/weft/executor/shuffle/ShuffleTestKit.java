package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;

import dev.weft.api.HashPartitioner;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import dev.weft.core.plan.Dependency;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.TaskMemoryManager;
import dev.weft.executor.memory.UnifiedMemoryManager;
import dev.weft.executor.storage.LocalDirs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One executor for shuffle tests: local dirs under a test folder, one memory budget shared by the
 * tasks, a serializer, and tasks made by hand.
 */
final class ShuffleTestKit {
  static final long TINY_BUDGET = 256 * 1024;
  static final ShuffleSettings SMALL_BUFFERS = new ShuffleSettings(8 * 1024, 16 * 1024, 8);

  final LocalDirs dirs;
  final KryoSerializer serializer;
  final UnifiedMemoryManager memory;
  final ShuffleSettings settings;
  private long nextTaskId = 1;

  ShuffleTestKit(File root, long budget, ShuffleSettings settings) {
    this(root, budget, settings, new KryoSerializer(false, false, List.of()));
  }

  ShuffleTestKit(File root, long budget, ShuffleSettings settings, KryoSerializer serializer) {
    this.serializer = serializer;
    this.dirs = new LocalDirs(List.of(new File(root, "disk1"), new File(root, "disk2")));
    this.memory = new UnifiedMemoryManager(budget, 0.5);
    this.settings = settings;
  }

  /** A new task attempt with its own context and memory. */
  SpillEnv newTask(int partition) {
    long taskId = nextTaskId++;
    TaskContextImpl context = new TaskContextImpl(0, 0, partition, 0, taskId, null);
    return new SpillEnv(serializer, new TaskMemoryManager(memory, taskId), dirs, context, settings);
  }

  /** Ends a task as the runtime will: completion listeners run, then no memory may be left. */
  static void finish(SpillEnv task) {
    task.task().markCompleted();
    assertEquals("execution memory still held by task", 0, task.memory().releaseAll());
  }

  /** Runs one map task and returns its status. */
  <K, V, C> MapStatus writeMap(
      ShuffleDependency<K, V, C> dep, int mapId, Iterator<? extends Tuple2<K, V>> records) {
    SpillEnv task = newTask(mapId);
    try {
      return new SortShuffleWriter<>(task, dep, mapId, "exec-1", "host-a").write(records);
    } finally {
      finish(task);
    }
  }

  /** Reads one reduce partition fully in a task of its own. */
  <K, C> List<Tuple2<K, C>> readReduce(
      ShuffleDependency<K, ?, C> dep, int reduceId, MapStatus[] statuses) {
    SpillEnv task = newTask(reduceId);
    try {
      List<Tuple2<K, C>> out = new ArrayList<>();
      new ShuffleReader<>(task, dep, reduceId, statuses, new LocalBlockFetcher(dirs))
          .read()
          .forEachRemaining(out::add);
      return out;
    } finally {
      finish(task);
    }
  }

  /** Files in the local dirs other than committed map outputs: spills, runs, temp files. */
  List<String> strayFiles() throws IOException {
    List<String> stray = new ArrayList<>();
    for (File root : dirs.roots()) {
      try (Stream<java.nio.file.Path> files = Files.walk(root.toPath())) {
        stray.addAll(
            files
                .filter(Files::isRegularFile)
                .map(p -> p.getFileName().toString())
                .filter(n -> !n.matches("shuffle_\\d+_\\d+_\\d+\\.(data|index)"))
                .collect(Collectors.toList()));
      }
    }
    return stray;
  }

  static <K, V, C> ShuffleDependency<K, V, C> dependency(
      int shuffleId,
      int numMaps,
      int numReduces,
      Aggregator<K, V, C> aggregator,
      boolean mapSideCombine,
      Comparator<? super K> ordering) {
    return dependency(shuffleId, numMaps, numReduces, aggregator, mapSideCombine, ordering, true);
  }

  static <K, V, C> ShuffleDependency<K, V, C> dependency(
      int shuffleId,
      int numMaps,
      int numReduces,
      Aggregator<K, V, C> aggregator,
      boolean mapSideCombine,
      Comparator<? super K> ordering,
      boolean trackReferences) {
    return new ShuffleDependency<>(
        shuffleId,
        new MapSide<>(numMaps),
        new HashPartitioner(numReduces),
        aggregator,
        mapSideCombine,
        ordering,
        trackReferences);
  }

  static <K> Aggregator<K, Long, Long> sum() {
    return new Aggregator<>(v -> v, (c, v) -> c + v, (a, b) -> a + b);
  }

  /** Stands in for the map side of a shuffle, which reduce tasks never compute. */
  private static final class MapSide<T> extends PlanNode<T> {
    private final int partitions;

    MapSide(int partitions) {
      super(0, "test-map-side");
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public List<Dependency> dependencies() {
      return List.of();
    }

    @Override
    protected Iterator<T> compute(int partition, TaskContextImpl context) {
      throw new UnsupportedOperationException("not computed in shuffle tests");
    }
  }
}
