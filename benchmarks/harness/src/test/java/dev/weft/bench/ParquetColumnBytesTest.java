package dev.weft.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.bench.gen.LineItemGenerator;
import dev.weft.bench.report.Comparison;
import dev.weft.bench.run.Engine;
import dev.weft.bench.run.RunOutcome;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.parquet.schema.Type;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ParquetColumnBytesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theLineItemQueryReadsPartOfTheTableAndTheTableIsLessThanItsFiles() throws Exception {
    DataLayout data = new DataLayout(tmp.getRoot().toPath());
    Path dir = data.resolve(DataLayout.LINEITEM);
    new LineItemGenerator().generate(dir, 5_000);
    Set<String> all = new HashSet<>();
    for (Type t : LineItemGenerator.SCHEMA.getFields()) {
      all.add(t.getName());
    }

    long read = ParquetColumnBytes.of(Workload.LINEITEM, data);
    long everyColumn = ParquetColumnBytes.of(dir, all);

    assertEquals(ParquetColumnBytes.of(dir, Set.copyOf(LineItemQuery.COLUMNS_READ)), read);
    assertTrue(read + " > 0", read > 0);
    assertTrue(read + " < " + everyColumn, read < everyColumn);
    assertTrue("footers and headers come on top", everyColumn < InputSizes.size(dir));
    assertEquals(0, ParquetColumnBytes.of(Workload.WORDCOUNT, data));
  }

  @Test
  public void theParquetRateIsTheBytesReadPerSecondOfEachEngine() {
    Comparison row = new Comparison(Workload.LINEITEM, Engine.SPARK, 100_000_000);
    row.parquetBytesRead(40_000_000);
    row.addRound(new RunOutcome(2_000, 0, null), new RunOutcome(4_000, 0, null));

    assertEquals(20.0, row.weftParquetMbPerSecond(), 1e-9);
    assertEquals(10.0, row.peerParquetMbPerSecond(), 1e-9);
    assertEquals(50.0, row.weftMbPerSecond(), 1e-9);
  }
}
