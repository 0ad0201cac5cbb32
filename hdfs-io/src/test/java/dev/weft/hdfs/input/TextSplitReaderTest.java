package dev.weft.hdfs.input;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.CorruptFileException;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of {@link TextSplitReader}: every line is read exactly once across splits. */
public class TextSplitReaderTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  /** Texts that exercise line ends at and around every kind of split boundary. */
  private static final List<String> TEXTS =
      List.of(
          "alpha\nbeta\ngamma\n",
          "alpha\r\nbeta\r\n\r\ngamma",
          "\n\nfirst line after two empty ones\n\n\nlast without newline",
          "mixed\r\nends\nand a \r inside\r\n\n",
          "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk",
          "one single line that is longer than most of the split sizes in this test, no newline",
          "ünïcödé ✓ 日本語\r\nзначение\n\uD83D\uDE00 emoji\n",
          "\n",
          "\r\n",
          "x",
          "trailing empty lines\n\n\n");

  @Test
  public void linesOfManyTinySplitsConcatenateToTheFileExactlyOnce() throws IOException {
    for (String text : TEXTS) {
      File file = write("text.txt", text);
      for (long maxSplitSize : new long[] {1, 2, 3, 7, 64, 1024}) {
        List<FileSplit> splits =
            new SplitPlanner(conf).withMaxSplitSize(maxSplitSize).plan(uri(file), 1);
        assertEquals(
            "split size " + maxSplitSize + " of " + describe(text),
            expectedLines(text),
            readAll(splits));
      }
    }
  }

  @Test
  public void everyCutPositionOfTwoSplitsReadsEachLineOnce() throws IOException {
    for (String text : TEXTS) {
      File file = write("text.txt", text);
      long length = file.length();
      for (long cut = 1; cut < length; cut++) {
        List<FileSplit> splits =
            List.of(
                new FileSplit(uri(file), 0, cut, null, false),
                new FileSplit(uri(file), cut, length - cut, null, false));
        assertEquals(
            "cut at " + cut + " of " + describe(text), expectedLines(text), readAll(splits));
      }
    }
  }

  @Test
  public void largeFileCutIntoKibibyteSplitsReadsEveryLine() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
      if (i % 100 == 0) {
        text.append('\n');
      }
    }
    File file = write("big.txt", text.toString());
    List<FileSplit> splits = new SplitPlanner(conf).withMaxSplitSize(1024).plan(uri(file), 1);
    assertTrue(splits.size() > 100);
    assertEquals(expectedLines(text.toString()), readAll(splits));
  }

  @Test
  public void linesStraddlingTheReadBufferAndLongerThanItAreReadWhole() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      // Odd line lengths, so line ends fall on every offset of the reader's internal buffer.
      text.append("w".repeat(i % 13)).append(i).append(i % 5 == 0 ? "\r\n" : "\n");
      if (i % 7_000 == 0) {
        text.append("long ".repeat(40_000)).append('\r').append("\r\n");
      }
    }
    text.append("tail ").append("z".repeat(70_000));
    File file = write("straddling.txt", text.toString());
    assertEquals(expectedLines(text.toString()), readAll(List.of(wholeSplit(file))));
  }

  @Test
  public void fileNamesWithSpacesAndPercentSignsAreReadBack() throws IOException {
    File dir = tmp.newFolder("a dir");
    File file = new File(dir, "50% of lines.txt");
    Files.write(file.toPath(), "x\ny\n".getBytes(StandardCharsets.UTF_8));
    List<FileSplit> splits =
        new SplitPlanner(conf).withMaxSplitSize(2).plan(dir.getAbsolutePath(), 1);
    assertEquals(List.of("x", "y"), readAll(splits));
  }

  @Test
  public void wholeSplitCountsEveryByteOfTheFile() throws IOException {
    File file = write("count.txt", "alpha\r\nbeta\n\ngamma");
    try (TextSplitReader reader = new TextSplitReader(wholeSplit(file), conf)) {
      drain(reader);
      assertEquals(file.length(), reader.bytesRead());
    }
  }

  @Test
  public void splitCountsTheBytesItConsumedIncludingTheSkippedPartialLine() throws IOException {
    // Bytes 0-5 "alpha\n", 6-10 "beta\n", 11-16 "gamma\n". The split 3+6 skips "ha\n" (3 bytes),
    // then reads "beta\n" (starts at 6 <= 9) and "gamma\n" (starts at 11 > 9: not read).
    File file = write("count.txt", "alpha\nbeta\ngamma\n");
    try (TextSplitReader reader =
        new TextSplitReader(new FileSplit(uri(file), 3, 6, null, false), conf)) {
      assertEquals(List.of("beta"), drain(reader));
      assertEquals(3 + 5, reader.bytesRead());
    }
  }

  @Test
  public void gzipFileIsReadWholeAndDecompressed() throws IOException {
    String text = "compressed one\r\ncompressed two\n\nlast";
    File file = tmp.newFile("data.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.toPath()))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    List<FileSplit> splits = new SplitPlanner(conf).withMaxSplitSize(7).plan(uri(file), 4);
    assertEquals(1, splits.size());
    assertTrue(splits.get(0).wholeFile());
    try (TextSplitReader reader = new TextSplitReader(splits.get(0), conf)) {
      assertEquals(expectedLines(text), drain(reader));
      assertEquals(file.length(), reader.bytesRead());
    }
  }

  @Test
  public void aTruncatedGzipFileIsCorruptNamingIt() throws IOException {
    File file = gzipOfManyLines("cut.txt.gz");
    byte[] bytes = Files.readAllBytes(file.toPath());
    Files.write(file.toPath(), Arrays.copyOf(bytes, bytes.length * 2 / 3));

    CorruptFileException e = assertThrows(CorruptFileException.class, () -> drainWhole(file));

    assertTrue(e.getMessage(), e.getMessage().contains(uri(file)));
    assertEquals(uri(file), e.path());
    assertTrue(e.skippable());
    assertFalse(e.getMessage(), e.getMessage().contains("\n"));
  }

  @Test
  public void aGzipFileWithDamagedBytesIsCorruptNamingIt() throws IOException {
    File file = gzipOfManyLines("damaged.txt.gz");
    byte[] bytes = Files.readAllBytes(file.toPath());
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] = (byte) ~bytes[i];
    }
    Files.write(file.toPath(), bytes);

    CorruptFileException e = assertThrows(CorruptFileException.class, () -> drainWhole(file));

    assertTrue(e.getMessage(), e.getMessage().contains(uri(file)));
  }

  private File gzipOfManyLines(String name) throws IOException {
    File file = tmp.newFile(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.toPath()))) {
      for (int i = 0; i < 20_000; i++) {
        out.write(("line " + i + " " + Integer.toHexString(i * 7919) + "\n").getBytes());
      }
    }
    return file;
  }

  private List<String> drainWhole(File file) throws IOException {
    try (TextSplitReader reader =
        new TextSplitReader(new FileSplit(uri(file), 0, file.length(), null, true), conf)) {
      return drain(reader);
    }
  }

  @Test
  public void cuttingACompressedFileIsRefused() throws IOException {
    File file = tmp.newFile("data.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.toPath()))) {
      out.write("x\n".getBytes(StandardCharsets.UTF_8));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TextSplitReader(new FileSplit(uri(file), 0, 5, null, false), conf));
    assertTrue(e.getMessage(), e.getMessage().contains(uri(file)));
  }

  @Test
  public void missingFileFailsNamingIt() throws IOException {
    String missing = new File(tmp.getRoot(), "gone.txt").toURI().toString();
    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () -> new TextSplitReader(new FileSplit(missing, 0, 10, null, false), conf));
    assertTrue(e.getMessage(), e.getMessage().startsWith("Input file does not exist: "));
    assertTrue(e.getMessage(), e.getMessage().contains("gone.txt"));
  }

  @Test
  public void iteratorEndsWithNoSuchElement() throws IOException {
    File file = write("one.txt", "only\n");
    try (TextSplitReader reader = new TextSplitReader(wholeSplit(file), conf)) {
      assertTrue(reader.hasNext());
      assertEquals("only", reader.next());
      assertFalse(reader.hasNext());
      assertThrows(NoSuchElementException.class, reader::next);
    }
  }

  @Test
  public void closedReaderHasNoMoreLines() throws IOException {
    File file = write("two.txt", "a\nb\n");
    TextSplitReader reader = new TextSplitReader(wholeSplit(file), conf);
    assertEquals("a", reader.next());
    reader.close();
    reader.close();
    assertFalse(reader.hasNext());
  }

  /** The lines of {@code text} by the definition, computed without the reader. */
  private static List<String> expectedLines(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (text.isEmpty() || text.endsWith("\n")) {
      lines.remove(lines.size() - 1);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean terminated = i < lines.size() - 1 || text.endsWith("\n");
      if (terminated && line.endsWith("\r")) {
        lines.set(i, line.substring(0, line.length() - 1));
      }
    }
    return lines;
  }

  private List<String> readAll(List<FileSplit> splits) throws IOException {
    List<String> lines = new ArrayList<>();
    for (FileSplit split : splits) {
      try (TextSplitReader reader = new TextSplitReader(split, conf)) {
        lines.addAll(drain(reader));
      }
    }
    return lines;
  }

  private static List<String> drain(TextSplitReader reader) {
    List<String> lines = new ArrayList<>();
    reader.forEachRemaining(lines::add);
    return lines;
  }

  private File write(String name, String text) throws IOException {
    File file = new File(tmp.getRoot(), name);
    Files.write(file.toPath(), text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private static FileSplit wholeSplit(File file) {
    return new FileSplit(uri(file), 0, file.length(), null, true);
  }

  private static String uri(File file) {
    return file.toURI().toString();
  }

  private static String describe(String text) {
    return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
  }
}
