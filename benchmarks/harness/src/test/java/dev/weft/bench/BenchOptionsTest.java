package dev.weft.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import dev.weft.bench.run.Engine;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class BenchOptionsTest {
  private static final Path REPO = Path.of("/repo");

  private static String error(String... args) {
    return assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(args, REPO))
        .getMessage();
  }

  @Test
  public void defaultsRunEverythingAtTheDefaultScale() throws Exception {
    BenchOptions o = BenchOptions.parse(new String[0], REPO);
    assertEquals(Scale.DEFAULT, o.scale());
    assertEquals(Path.of("/repo/benchmarks/data/default"), o.data());
    assertEquals(Path.of("/repo/benchmarks/results"), o.out());
    assertEquals(3, o.runs());
    assertEquals(List.of(Engine.SPARK, Engine.MAPREDUCE), o.peers());
    assertEquals(List.of(Workload.values()), List.copyOf(o.workloads()));
    assertEquals("2g", o.heap());
  }

  @Test
  public void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() throws Exception {
    BenchOptions o =
        BenchOptions.parse(
            new String[] {
              "--scale=tiny",
              "--runs",
              "5",
              "--workloads",
              "sort,etl",
              "--peers=spark",
              "--heap",
              "1536m",
              "--no-yarn"
            },
            REPO);
    assertEquals(Scale.TINY, o.scale());
    assertEquals(Path.of("/repo/benchmarks/data/tiny"), o.data());
    assertEquals(5, o.runs());
    assertEquals(List.of(Workload.SORT, Workload.ETL), List.copyOf(o.workloads()));
    assertEquals(List.of(Engine.SPARK), o.peers());
    assertEquals("1536m", o.heap());
    assertFalse(o.yarn());
  }

  @Test
  public void badOptionsAndValuesAreNamedInOneLine() {
    assertEquals("unknown option '--fast'", error("--fast"));
    assertEquals(
        "--scale: unknown scale 'huge'; expected one of tiny, small, default, large",
        error("--scale", "huge"));
    assertEquals("--runs 0: expected a whole number of at least 1", error("--runs", "0"));
    assertEquals("--runs x: expected a whole number of at least 1", error("--runs=x"));
    assertEquals("--heap 2 GB: expected a JVM size such as 2g or 1536m", error("--heap", "2 GB"));
    assertEquals(
        "--peers: unknown peer 'flink'; expected spark or mapreduce", error("--peers", "flink"));
    assertEquals(
        "--workloads 'sort,': expected a comma-separated list", error("--workloads=sort,"));
    assertEquals("--out needs a value", error("--out"));
  }
}
