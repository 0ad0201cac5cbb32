package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.api.HashPartitioner;
import dev.weft.api.JobFailedException;
import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.DriverRuntime;
import dev.weft.core.driver.Internals;
import dev.weft.core.io.FileScanNode;
import dev.weft.core.io.Formats;
import dev.weft.core.io.TextOutput;
import dev.weft.core.plan.MapPartitionsNode;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import dev.weft.core.plan.ShuffledNode;
import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.hdfs.input.InputPartition;
import dev.weft.hdfs.output.SaveMode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What an API layer built beside {@code dev.weft.api} (the structured layer) does through {@link
 * DriverRuntime}: its own plan nodes, jobs, file scans, committed output and per-application state.
 */
public class DriverRuntimeHooksTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static WeftContext weft;
  private static DriverRuntime driver;

  @BeforeClass
  public static void start() {
    weft =
        new WeftContext(new WeftConf(false).setMaster("local[2]").set("weft.memory.reserved", "0"));
    driver = Internals.of(weft);
  }

  @AfterClass
  public static void stop() {
    weft.stop();
  }

  private File textFile(String name, String... lines) throws Exception {
    File f = tmp.newFile(name);
    Files.writeString(f.toPath(), String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  public void aLayerScansSeveralPathsShufflesSerializedRowsAndRunsItsOwnOperator()
      throws Exception {
    File a = textFile("a.txt", "x 1", "y 2", "x 3");
    File b = textFile("b.txt", "z 4", "x 5");
    List<InputPartition> input =
        driver.sources().planInput(List.of(a.getPath(), b.getPath()), 2, false);
    FileScanNode<String> scan = driver.sources().fileScan("scan", input, Formats.text());
    PlanNode<Tuple2<String, byte[]>> rows =
        new MapPartitionsNode<String, Tuple2<String, byte[]>>(
            driver.newNodeId(),
            "toRows",
            scan,
            (ctx, p, lines) -> {
              List<Tuple2<String, byte[]>> out = new ArrayList<>();
              lines.forEachRemaining(
                  l -> out.add(new Tuple2<>(l.split(" ")[0], l.getBytes(StandardCharsets.UTF_8))));
              return out.iterator();
            },
            false);
    ShuffleDependency<String, byte[], byte[]> dep =
        new ShuffleDependency<>(
            driver.newShuffleId(), rows, new HashPartitioner(3), null, false, null, false);
    PlanNode<Tuple2<String, byte[]>> exchanged =
        new ShuffledNode<>(driver.newNodeId(), "exchange", dep);
    // An operator that holds execution memory and spills to a temporary file.
    PlanNode<String> counted =
        new MapPartitionsNode<Tuple2<String, byte[]>, String>(
            driver.newNodeId(),
            "countPerKey",
            exchanged,
            (ctx, p, in) -> {
              MemoryReservation memory =
                  ctx.runtime().reserveMemory("CountPerKey", SpillCallback.NONE);
              File spill = ctx.runtime().createTempFile("spill_count");
              java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
              while (in.hasNext()) {
                Tuple2<String, byte[]> row = in.next();
                if (memory.acquire(row._2().length) < row._2().length) {
                  throw new IllegalStateException("no memory for a row");
                }
                counts.merge(row._1(), 1, Integer::sum);
              }
              Files.writeString(spill.toPath(), counts.toString());
              List<String> out = new ArrayList<>();
              counts.forEach((k, n) -> out.add(k + "=" + n));
              memory.close();
              return out.iterator();
            },
            false);

    Dataset<String> result = driver.dataset(counted);
    List<String> collected = new ArrayList<>(result.collect());
    Collections.sort(collected);

    assertEquals(List.of("x=3", "y=1", "z=1"), collected);
    assertSame(weft, result.context());
    assertSame(counted, Internals.node(result));
  }

  @Test
  public void aPairDatasetOverALayersNodeHasThePairOperations() {
    PlanNode<Tuple2<String, Integer>> pairs =
        Internals.node(weft.parallelize(List.of(new Tuple2<>("a", 1), new Tuple2<>("a", 2)), 2));
    PairDataset<String, Integer> dataset = driver.pairDataset(pairs);

    assertEquals(List.of(new Tuple2<>("a", 3)), dataset.reduceByKey(Integer::sum).collect());
  }

  @Test
  public void aJobOverSomePartitionsReturnsTheirResultsInTheOrderAsked() {
    PlanNode<Long> numbers = Internals.node(weft.range(0, 40, 1, 4));
    TaskFunction<Long, Long> sum =
        (ctx, records) -> {
          long s = 0;
          while (records.hasNext()) {
            s += records.next();
          }
          return s;
        };

    List<Long> sums = driver.runJob(numbers, sum, new int[] {3, 0});

    assertEquals(List.of(30L * 10 + 45, 45L), sums);
  }

  @Test
  public void outputWithTheCallersTaskFunctionIsCommitted() throws Exception {
    String dest = new File(tmp.getRoot(), "out").getPath();

    driver
        .output()
        .save(
            Internals.node(weft.parallelize(List.of("a", "b", "c"), 2)),
            dest,
            SaveMode.ERROR_IF_EXISTS,
            TextOutput::writer);

    assertTrue(new File(dest, "_SUCCESS").exists());
    List<String> lines = new ArrayList<>();
    for (File part : new File(dest).listFiles((d, n) -> n.startsWith("part-"))) {
      lines.addAll(Files.readAllLines(part.toPath()));
    }
    Collections.sort(lines);
    assertEquals(List.of("a", "b", "c"), lines);
  }

  @Test
  public void outputWhoseTasksFailLeavesNoDestination() {
    String dest = new File(tmp.getRoot(), "failed").getPath();
    TaskFunction<String, Long> fails =
        (ctx, records) -> {
          throw new IllegalStateException("writer failed");
        };

    assertThrows(
        JobFailedException.class,
        () ->
            driver
                .output()
                .save(
                    Internals.node(weft.parallelize(List.of("a"), 1)),
                    dest,
                    SaveMode.ERROR_IF_EXISTS,
                    job -> fails));
    assertFalse(new File(dest).exists());
  }

  /** Per-application state of another module. */
  static final class Catalog implements AutoCloseable {
    static final AtomicInteger closed = new AtomicInteger();
    final List<String> views = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  public void anExtensionIsCreatedOnceAndClosedWhenTheContextStops() {
    WeftContext own = new WeftContext(new WeftConf(false).setMaster("local[1]"));
    DriverRuntime runtime = Internals.of(own);
    AtomicInteger created = new AtomicInteger();
    Catalog.closed.set(0);

    Catalog first =
        runtime.getOrCreateExtension(
            Catalog.class,
            r -> {
              created.incrementAndGet();
              return new Catalog();
            });
    Catalog second = runtime.getOrCreateExtension(Catalog.class, r -> new Catalog());
    own.stop();

    assertSame(first, second);
    assertEquals(1, created.get());
    assertEquals(1, Catalog.closed.get());
    assertThrows(
        IllegalStateException.class,
        () -> runtime.getOrCreateExtension(Catalog.class, r -> new Catalog()));
  }

  @Test
  public void getConfIsACopyOfTheConfiguration() {
    assertEquals("local[2]", weft.getConf().get("weft.master"));
    weft.getConf().set("weft.master", "local[9]");
    assertEquals("local[2]", weft.getConf().get("weft.master"));
    assertEquals("local[2]", weft.master());
  }
}
