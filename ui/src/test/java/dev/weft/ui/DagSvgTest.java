package dev.weft.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.core.status.Views;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class DagSvgTest {

  private static Views.DagNode stage(int id, String status, Integer... parents) {
    return new Views.DagNode(
        id, 0, "stage " + id, 4, parents.length == 0, List.of(parents), status);
  }

  @Test
  public void drawsOneLinkedBoxPerStageAndOneArrowPerDependency() {
    String svg =
        DagSvg.render(List.of(stage(0, "COMPLETE"), stage(1, "SKIPPED"), stage(2, "ACTIVE", 0, 1)));
    assertTrue(svg, svg.startsWith("<svg id=\"dag\""));
    assertEquals(3, count(svg, "<rect "));
    assertEquals(3, count(svg, "<a href=\"stage?id="));
    assertTrue(svg, svg.contains("data-from=\"0\" data-to=\"2\""));
    assertTrue(svg, svg.contains("data-from=\"1\" data-to=\"2\""));
    assertEquals(2, count(svg, "<line "));
  }

  @Test
  public void colorsStagesByStateAndDashesSkippedOnes() {
    String svg = DagSvg.render(List.of(stage(0, "SKIPPED"), stage(1, "FAILED", 0)));
    assertTrue(svg, svg.contains("fill=\"" + DagSvg.colors("FAILED")[0] + "\""));
    assertTrue(svg, svg.contains("stroke-dasharray"));
    assertTrue(svg, svg.contains("data-status=\"FAILED\""));
  }

  @Test
  public void placesAChildOneColumnRightOfItsDeepestParent() {
    // 0 -> 1 -> 3, and 2 -> 3: stage 3 sits in column 2 although 2 is in column 0.
    String svg =
        DagSvg.render(
            List.of(
                stage(0, "COMPLETE"),
                stage(1, "COMPLETE", 0),
                stage(2, "COMPLETE"),
                stage(3, "PENDING", 1, 2)));
    assertEquals(DagSvg.MARGIN, xOf(svg, 0));
    assertEquals(DagSvg.MARGIN, xOf(svg, 2));
    assertEquals(DagSvg.MARGIN + (DagSvg.BOX_W + DagSvg.COL_GAP), xOf(svg, 1));
    assertEquals(DagSvg.MARGIN + 2 * (DagSvg.BOX_W + DagSvg.COL_GAP), xOf(svg, 3));
  }

  @Test
  public void escapesStageNames() {
    String svg =
        DagSvg.render(
            List.of(new Views.DagNode(0, 0, "<script>x</script>", 1, false, List.of(), "ACTIVE")));
    assertTrue(svg, !svg.contains("<script>"));
  }

  private static int xOf(String svg, int stage) {
    Matcher m =
        Pattern.compile(
                "data-stage=\"" + stage + "\"[^>]*>(?:<title>[^<]*</title>)<rect x=\"(\\d+)\"")
            .matcher(svg);
    assertTrue(svg, m.find());
    return Integer.parseInt(m.group(1));
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
