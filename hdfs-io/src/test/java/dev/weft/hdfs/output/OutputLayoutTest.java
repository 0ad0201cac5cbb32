package dev.weft.hdfs.output;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.apache.hadoop.fs.Path;
import org.junit.Test;

/** Which destination files {@link OutputLayout} recognizes as a job's own. */
public class OutputLayoutTest {
  @Test
  public void ownTextFilesAreRecognizedWithAndWithoutTheCodecExtension() {
    OutputLayout gzip = new OutputLayout(new Path("file:/out"), "job-1", true, ".gz");
    assertTrue(gzip.isOwnPublishedFile("part-00000-job-1.gz"));
    assertTrue(gzip.isOwnPublishedFile("part-00012-job-1"));
    assertTrue(gzip.isOwnPublishedFile("part-00003-job-1-c001.parquet"));
    assertFalse(gzip.isOwnPublishedFile("part-00000"));
    assertFalse(gzip.isOwnPublishedFile("part-00000.gz"));
    assertFalse(gzip.isOwnPublishedFile("part-00000-job-10.gz"));
    assertFalse(gzip.isOwnPublishedFile("part-00000-xjob-1.gz"));
  }

  @Test
  public void filesOfAJobWhoseIdExtendsThisOneAreNotOwn() {
    OutputLayout plain = new OutputLayout(new Path("file:/out"), "run.1", true, "");
    assertTrue(plain.isOwnPublishedFile("part-00000-run.1"));
    assertFalse(plain.isOwnPublishedFile("part-00000-run.1.2"));
    assertFalse(plain.isOwnPublishedFile("part-00000-run.1.gz"));
  }

  @Test
  public void nothingIsOwnWhenFileNamesDoNotCarryTheJobId() {
    OutputLayout layout = new OutputLayout(new Path("file:/out"), "job-1", false, ".gz");
    assertFalse(layout.isOwnPublishedFile("part-00000-job-1.gz"));
  }
}
