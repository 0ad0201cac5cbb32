package dev.weft.bench.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.bench.Workload;
import dev.weft.bench.run.Engine;
import org.junit.Test;

public class TargetsTest {
  @Test
  public void theDataFrameWorkloadsMustTakeAtMostHalfOfSparksTime() {
    for (Workload w : new Workload[] {Workload.ETL_DF, Workload.ETL_JOIN_DF, Workload.LINEITEM}) {
      assertEquals(w.id(), 0.5, Targets.ratio(w, Engine.SPARK), 0);
      assertTrue(w.id(), Double.isNaN(Targets.ratio(w, Engine.MAPREDUCE)));
    }
  }

  @Test
  public void theTypedEtlWorkloadsKeepTheirTarget() {
    assertEquals(1.0, Targets.ratio(Workload.ETL, Engine.SPARK), 0);
    assertEquals(1.0, Targets.ratio(Workload.ETL_JOIN, Engine.SPARK), 0);
  }
}
