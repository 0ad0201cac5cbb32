package dev.weft.core.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.LongAccumulator;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.InputPartition;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of {@link FileScanNode}'s handling of corrupt files: with {@code
 * weft.files.ignoreCorrupt} a file is skipped whole or not at all.
 */
public class FileScanNodeTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private final LongAccumulator skipped = new LongAccumulator();

  @Test
  public void aFileFoundCorruptBeforeAnyOfItsRecordsIsSkippedWhole() {
    List<String> read = scan(true, whole("a-3"), whole("b-0-corrupt"), whole("c-2"));

    assertEquals(List.of("a:0", "a:1", "a:2", "c:0", "c:1"), read);
    assertEquals(Long.valueOf(1), skipped.value());
  }

  @Test
  public void aFileFoundCorruptAfterSomeOfItsRecordsContributesNoneOfThem() {
    List<String> read = scan(true, whole("a-3"), whole("b-2-corrupt"), whole("c-1"));

    assertEquals(List.of("a:0", "a:1", "a:2", "c:0"), read);
    assertEquals(Long.valueOf(1), skipped.value());
  }

  @Test
  public void everySplitOfACorruptFileSkipsAllOfItAndTheFileIsCountedOnce() throws IOException {
    String file = fileOf("b-3-corrupt", 200);
    FileSplit firstHalf = new FileSplit(file, 0, 100, null, false);
    FileSplit secondHalf = new FileSplit(file, 100, 100, null, false);

    assertEquals(List.of("a:0"), scan(true, whole("a-1"), firstHalf));
    assertEquals(List.of(), scan(true, secondHalf));
    assertEquals(Long.valueOf(1), skipped.value());
  }

  @Test
  public void aFileThatCannotBeOpenedIsSkippedInEverySplit() throws IOException {
    FileSplit secondHalf = new FileSplit(fileOf("b-0-unopenable", 200), 100, 100, null, false);

    assertEquals(List.of("a:0"), scan(true, whole("a-1"), secondHalf));
  }

  @Test
  public void aReaderFailingForAnotherReasonThanCorruptionFailsTheScanEvenWhenSkipping() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> scan(true, whole("a-1"), whole("b-1-broken")));
    assertTrue(e.getMessage(), e.getMessage().contains("b: unsupported conversion"));
  }

  @Test
  public void aFileThatDoesNotMatchTheSchemaAskedForFailsTheScanEvenWhenSkipping() {
    CorruptFileException e =
        assertThrows(
            CorruptFileException.class, () -> scan(true, whole("a-1"), whole("b-1-mismatch")));
    assertTrue(e.getMessage(), e.getMessage().contains("b: no column x"));
    assertEquals(Long.valueOf(0), skipped.value());
  }

  @Test
  public void withoutIgnoreCorruptACorruptFileFailsTheScan() {
    assertThrows(CorruptFileException.class, () -> scan(false, whole("a-1"), whole("b-0-corrupt")));
  }

  private static FileSplit whole(String name) {
    return new FileSplit(name, 0, 100, null, true);
  }

  private String fileOf(String name, int bytes) throws IOException {
    File file = tmp.newFile(name);
    Files.write(file.toPath(), new byte[bytes]);
    return file.toURI().toString();
  }

  private List<String> scan(boolean ignoreCorrupt, FileSplit... splits) {
    List<String> out = new ArrayList<>();
    iterator(ignoreCorrupt, splits).forEachRemaining(out::add);
    return out;
  }

  private Iterator<String> iterator(boolean ignoreCorrupt, FileSplit... splits) {
    FileScanNode<String> node =
        new FileScanNode<>(
            0,
            "scan",
            List.of(new InputPartition(List.of(splits), new String[0], new String[0])),
            (split, conf) -> new FakeReader(new Path(split.path()).getName()),
            Map.of(),
            ignoreCorrupt,
            skipped);
    return node.iterator(0, new TaskContextImpl(0, 0, 0, 0, 1, null));
  }

  /**
   * Reads a file named {@code <id>-<records>[-corrupt|-unopenable|-broken|-mismatch]}: that many
   * records, then the failure it is named after.
   */
  private static final class FakeReader implements SplitReader<String> {
    private final String id;
    private final int records;
    private final String failure;
    private int next;

    FakeReader(String name) {
      String[] parts = name.split("-");
      this.id = parts[0];
      this.records = Integer.parseInt(parts[1]);
      this.failure = parts.length > 2 ? parts[2] : "";
      if (failure.equals("unopenable")) {
        throw new CorruptFileException(id + ": bad footer", name, true, null);
      }
    }

    @Override
    public boolean hasNext() {
      if (next == records) {
        switch (failure) {
          case "corrupt" -> throw new CorruptFileException(id + ": bad page", id, true, null);
          case "broken" -> throw new IllegalStateException(id + ": unsupported conversion");
          case "mismatch" -> throw new CorruptFileException(id + ": no column x", id, false, null);
          default -> {}
        }
      }
      return next < records;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return id + ":" + next++;
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
