package dev.weft.bench.check;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ChecksTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path expected;
  private Path out;

  @Before
  public void dirs() throws Exception {
    expected = tmp.newFolder("expected").toPath();
    out = tmp.newFolder("out").toPath();
  }

  private void write(Path file, String... lines) throws Exception {
    Files.write(file, List.of(lines));
  }

  private String failure(OutputCheck check) {
    return assertThrows(CheckFailure.class, () -> check.check(out)).getMessage();
  }

  @Test
  public void wordCountAcceptsTheCountsInAnyOrderAndRejectsAWrongOrMissingCount() throws Exception {
    write(expected.resolve("wc.tsv"), "the\t13", "cat\t2");
    WordCountCheck check = new WordCountCheck(expected.resolve("wc.tsv"));
    write(out.resolve("part-00001"), "cat\t2");
    write(out.resolve("part-00000"), "the\t13");
    write(out.resolve("_SUCCESS"));
    check.check(out);

    write(out.resolve("part-00000"), "the\t12");
    assertEquals("wordcount: 'the' counted 12 expected 13", failure(check));
    Files.delete(out.resolve("part-00000"));
    assertEquals("wordcount: missing 1 of 2 words, e.g. 'the'", failure(check));
  }

  private List<String> records(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(String.format("key%07d", i) + "X".repeat(89));
    }
    return lines;
  }

  private SortCheck sortCheck(List<String> input) throws Exception {
    LineDigest d = new LineDigest();
    input.forEach(d::add);
    write(
        expected.resolve("sort.properties"),
        "records=" + d.count(),
        "checksum=" + Long.toHexString(d.sum()));
    return new SortCheck(expected.resolve("sort.properties"));
  }

  @Test
  public void sortAcceptsSortedPartsHoldingEveryRecord() throws Exception {
    List<String> input = records(10);
    SortCheck check = sortCheck(input);
    Files.write(out.resolve("part-00000"), input.subList(0, 4));
    Files.write(out.resolve("part-00001"), input.subList(4, 10));
    check.check(out);
  }

  @Test
  public void sortRejectsAnUnsortedPart() throws Exception {
    List<String> input = records(10);
    SortCheck check = sortCheck(input);
    List<String> swapped = new ArrayList<>(input);
    swapped.set(2, input.get(3));
    swapped.set(3, input.get(2));
    Files.write(out.resolve("part-00000"), swapped);
    assertEquals(
        "sort: part-00000 line 4 key 'key0000002' < previous key 'key0000003'", failure(check));
  }

  @Test
  public void sortRejectsMissingAndAlteredRecords() throws Exception {
    List<String> input = records(10);
    SortCheck check = sortCheck(input);
    Files.write(out.resolve("part-00000"), input.subList(0, 7));
    assertEquals("sort: missing 3 of 10 records", failure(check));

    List<String> altered = new ArrayList<>(input);
    altered.set(5, altered.get(5).substring(0, 98) + "Y");
    Files.write(out.resolve("part-00000"), altered);
    String altered5 = failure(check);
    assertTrue(
        altered5, altered5.startsWith("sort: the records differ from the input's (checksum "));
  }

  @Test
  public void sumsAreCheckedWithinTheRelativeTolerance() throws Exception {
    write(expected.resolve("etl.tsv"), "C00\t1234.56", "C01\t0.10");
    NumberCheck check = new NumberCheck("etl", "country", expected.resolve("etl.tsv"), 1e-9);
    write(out.resolve("part-00000"), "C00\t1234.5600000000002", "C01\t0.1");
    check.check(out);

    write(out.resolve("part-00000"), "C00\t1234.57", "C01\t0.1");
    assertEquals(
        "etl: country 'C00' is 1234.57 expected 1234.56 (relative error 8.1e-06 > 1e-09)",
        failure(check));
    write(out.resolve("part-00000"), "C00\t1234.56");
    assertEquals("etl: missing 1 of 2 results, e.g. country 'C01'", failure(check));
  }

  private DecimalRowsCheck lineItemCheck() throws Exception {
    write(expected.resolve("lineitem.tsv"), "A\tF\t10.00\t0.333333\t7", "N\tO\t2.50\t1.000000\t1");
    return new DecimalRowsCheck(
        "lineitem", expected.resolve("lineitem.tsv"), 2, List.of("sum", "avg", "count"));
  }

  @Test
  public void decimalRowsAcceptEqualNumbersAtAnyScaleInAnyOrderAndPart() throws Exception {
    DecimalRowsCheck check = lineItemCheck();
    write(out.resolve("part-00001"), "A\tF\t10\t0.3333330\t7");
    write(out.resolve("part-00000"), "N\tO\t2.5\t1\t1");
    check.check(out);
  }

  @Test
  public void decimalRowsRejectAnyDifferenceAMissingGroupAndAMalformedLine() throws Exception {
    DecimalRowsCheck check = lineItemCheck();
    write(out.resolve("part-00000"), "A\tF\t10.00\t0.333334\t7", "N\tO\t2.50\t1\t1");
    assertEquals("lineitem: group 'A F' has avg 0.333334 expected 0.333333", failure(check));

    write(out.resolve("part-00000"), "A\tF\t10.00\t0.333333\t7");
    assertEquals("lineitem: missing 1 of 2 groups, e.g. 'N O'", failure(check));

    write(out.resolve("part-00000"), "A\tF\t10.00\t0.333333\t7", "R\tF\t1\t1\t1");
    assertEquals("lineitem: group 'R F' is not expected", failure(check));

    write(out.resolve("part-00000"), "A\tF\t10.00\t7");
    assertEquals(
        "lineitem: part-00000 line 1 has 4 tab-separated fields, expected 5: 'A\tF\t10.00\t7'",
        failure(check));

    write(out.resolve("part-00000"), "A\tF\t10.00\t1.0E-3x\t7");
    assertEquals(
        "lineitem: group 'A F' has avg '1.0E-3x', expected a decimal number", failure(check));
  }

  @Test
  public void anEmptyOrMissingOutputIsNamed() throws Exception {
    write(expected.resolve("wc.tsv"), "the\t13");
    WordCountCheck check = new WordCountCheck(expected.resolve("wc.tsv"));
    assertEquals("wordcount: no part files in " + out, failure(check));
    Files.delete(out);
    assertEquals("wordcount: no output directory " + out, failure(check));
  }
}
