package dev.weft.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunnerArgsTest {
  private static final Set<Workload> ALL = EnumSet.allOf(Workload.class);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void acceptsAWorkloadWhoseInputsExist() throws Exception {
    Path data = tmp.getRoot().toPath();
    Files.createDirectories(data.resolve("customers"));
    Files.createDirectories(data.resolve("countries"));

    RunnerArgs args =
        RunnerArgs.parse("R", ALL, new String[] {"etl-join", data.toString(), "/tmp/out"});

    assertEquals(Workload.ETL_JOIN, args.workload());
    assertEquals(data.resolve("countries").toAbsolutePath().toString(), args.input("countries"));
    assertEquals("/tmp/out", args.output());
  }

  @Test
  public void namesTheMissingInputDirectory() throws Exception {
    Path data = tmp.getRoot().toPath();
    Files.createDirectories(data.resolve("customers"));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerArgs.parse("R", ALL, new String[] {"etl-join", data.toString(), "/o"}));

    assertTrue(e.getMessage(), e.getMessage().contains(data.resolve("countries").toString()));
  }

  @Test
  public void theDataFrameWorkloadsReadTheirTypedTwinsInputsAndLineitemItsTable() {
    assertEquals(RunnerArgs.inputs(Workload.ETL), RunnerArgs.inputs(Workload.ETL_DF));
    assertEquals(RunnerArgs.inputs(Workload.ETL_JOIN), RunnerArgs.inputs(Workload.ETL_JOIN_DF));
    assertEquals(List.of("lineitem"), RunnerArgs.inputs(Workload.LINEITEM));
    assertEquals(Workload.LINEITEM, Workload.of("lineitem"));
    assertEquals(Workload.ETL_JOIN_DF, Workload.of("etl-join-df"));
  }

  @Test
  public void refusesAWorkloadTheRunnerDoesNotSupport() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunnerArgs.parse(
                    "MapReduceRunner",
                    EnumSet.of(Workload.WORDCOUNT),
                    new String[] {"pagerank", "/d", "/o"}));

    assertEquals("workload 'pagerank' is not supported by MapReduceRunner", e.getMessage());
  }

  @Test
  public void refusesAnUnknownWorkloadAndAWrongArgumentCount() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RunnerArgs.parse("R", ALL, new String[] {"grep", "/d", "/o"}));
    assertThrows(
        IllegalArgumentException.class, () -> RunnerArgs.parse("R", ALL, new String[] {"sort"}));
  }

  @Test
  public void trivialNeedsNoDirectories() {
    RunnerArgs args = RunnerArgs.parse("R", ALL, new String[] {"trivial"});

    assertEquals(Workload.TRIVIAL, args.workload());
    assertNull(args.dataDir());
  }
}
