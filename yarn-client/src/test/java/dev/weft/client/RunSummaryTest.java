package dev.weft.client;

import static org.junit.Assert.assertEquals;

import dev.weft.yarn.am.DriverStatus;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The end-of-run summary and the console's number formats. */
public class RunSummaryTest {

  @Test
  public void summaryShowsTheDriversTotals() {
    DriverStatus.Totals totals =
        new DriverStatus.Totals(
            2,
            0,
            4,
            1,
            812,
            3,
            1_288_490_189L,
            10_000_000,
            36_700_160,
            15,
            419_430_400,
            419_430_400,
            2048,
            1024,
            Map.of("NODE_LOCAL", 747L, "RACK_LOCAL", 41L, "ANY", 24L));

    assertEquals(
        List.of(
            "Summary of application_1_0001 (FINISHED, SUCCEEDED):",
            "  duration  1 min 12 s",
            "  jobs      2 succeeded, 0 failed",
            "  stages    4 succeeded, 1 failed",
            "  tasks     812 succeeded, 3 failed",
            "  input     1.2 GiB, 10,000,000 records",
            "  output    35.0 MiB, 15 records",
            "  shuffle   read 400.0 MiB, written 400.0 MiB",
            "  spilled   1.0 KiB to disk (2.0 KiB of memory)",
            "  locality  NODE_LOCAL 92%, RACK_LOCAL 5%, ANY 3%",
            "  history   http://hist:18080/history/application_1_0001/"),
        RunSummary.lines(
            "application_1_0001 (FINISHED, SUCCEEDED)",
            72_400,
            totals,
            RunSummary.historyUrl("hist:18080", "application_1_0001")));
  }

  @Test
  public void withoutTotalsTheSummarySaysSo() {
    assertEquals(
        List.of(
            "Summary of application_1_0001 (KILLED):",
            "  figures   none: the driver reported no totals before it ended"),
        RunSummary.lines("application_1_0001 (KILLED)", -1, null, null));
  }

  @Test
  public void localityShareListsLevelsBestFirstAndTinySharesAsLessThanOne() {
    assertEquals(
        "PROCESS_LOCAL 50%, NODE_LOCAL 50%",
        RunSummary.locality(Map.of("NODE_LOCAL", 1L, "PROCESS_LOCAL", 1L)));
    assertEquals(
        "NODE_LOCAL 100%, ANY <1%", RunSummary.locality(Map.of("NODE_LOCAL", 999L, "ANY", 1L)));
    assertEquals("no tasks", RunSummary.locality(Map.of()));
  }

  @Test
  public void historyUrlTakesAnAddressOrAUrl() {
    assertEquals("https://h/history/app_1/", RunSummary.historyUrl("https://h/", "app_1"));
    assertEquals(null, RunSummary.historyUrl(" ", "app_1"));
    assertEquals(null, RunSummary.historyUrl(null, "app_1"));
  }

  @Test
  public void sizesCountsAndDurationsAreShort() {
    assertEquals("0 B", ConsoleFormat.bytes(0));
    assertEquals("1023 B", ConsoleFormat.bytes(1023));
    assertEquals("1.5 KiB", ConsoleFormat.bytes(1536));
    assertEquals("5.0 GiB", ConsoleFormat.bytes(5L << 30));
    assertEquals("1,234,567", ConsoleFormat.count(1_234_567));
    assertEquals("850 ms", ConsoleFormat.duration(850));
    assertEquals("12.3 s", ConsoleFormat.duration(12_345));
    assertEquals("4 min 05 s", ConsoleFormat.duration(245_000));
    assertEquals("2 h 07 min", ConsoleFormat.duration(7_620_000));
  }
}
