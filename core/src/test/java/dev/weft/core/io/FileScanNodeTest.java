package dev.weft.core.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.LongAccumulator;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.InputPartition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.Test;

/**
 * Specification of {@link FileScanNode}'s handling of corrupt files: with {@code
 * weft.files.ignoreCorrupt} a file is skipped whole or not at all.
 */
public class FileScanNodeTest {
  private final LongAccumulator skipped = new LongAccumulator();

  @Test
  public void aFileFoundCorruptBeforeAnyOfItsRecordsIsSkippedWhole() {
    List<String> read = scan(true, whole("a-3"), whole("b-0-corrupt"), whole("c-2"));

    assertEquals(List.of("a:0", "a:1", "a:2", "c:0", "c:1"), read);
    assertEquals(Long.valueOf(1), skipped.value());
  }

  @Test
  public void aFileFoundCorruptAfterSomeOfItsRecordsFailsTheScanInsteadOfKeepingPartOfIt() {
    CorruptFileException e =
        assertThrows(
            CorruptFileException.class, () -> scan(true, whole("a-3"), whole("b-2-corrupt")));

    assertTrue(e.getMessage(), e.getMessage().contains("b: bad page"));
    assertTrue(e.getMessage(), e.getMessage().contains("2 of its records were already read"));
    assertFalse(e.skippable());
    assertEquals(Long.valueOf(0), skipped.value());
  }

  @Test
  public void aCorruptSplitOfAFileThatOtherTasksAlsoReadIsNotSkipped() {
    FileSplit secondHalf = new FileSplit("b-0-corrupt", 100, 100, null, false);

    CorruptFileException e =
        assertThrows(CorruptFileException.class, () -> scan(true, whole("a-1"), secondHalf));

    assertTrue(e.getMessage(), e.getMessage().contains("other parts of it are read by other"));
  }

  @Test
  public void aFileThatCannotBeOpenedIsSkippedInEverySplit() {
    FileSplit secondHalf = new FileSplit("b-0-unopenable", 100, 100, null, false);

    assertEquals(List.of("a:0"), scan(true, whole("a-1"), secondHalf));
    assertEquals(Long.valueOf(1), skipped.value());
  }

  @Test
  public void withoutIgnoreCorruptACorruptFileFailsTheScan() {
    assertThrows(CorruptFileException.class, () -> scan(false, whole("a-1"), whole("b-0-corrupt")));
  }

  private static FileSplit whole(String name) {
    return new FileSplit(name, 0, 100, null, true);
  }

  private List<String> scan(boolean ignoreCorrupt, FileSplit... splits) {
    FileScanNode<String> node =
        new FileScanNode<>(
            0,
            "scan",
            List.of(new InputPartition(List.of(splits), new String[0], new String[0])),
            (split, conf) -> new FakeReader(split.path()),
            Map.of(),
            ignoreCorrupt,
            skipped);
    Iterator<String> it = node.iterator(0, new TaskContextImpl(0, 0, 0, 0, 1, null));
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /**
   * Reads a file named {@code <id>-<records>[-corrupt|-unopenable]}: that many records, then
   * corruption if so named.
   */
  private static final class FakeReader implements SplitReader<String> {
    private final String id;
    private final int records;
    private final boolean corrupt;
    private int next;

    FakeReader(String name) {
      String[] parts = name.split("-");
      this.id = parts[0];
      this.records = Integer.parseInt(parts[1]);
      this.corrupt = parts.length > 2;
      if (parts.length > 2 && parts[2].equals("unopenable")) {
        throw new CorruptFileException(id + ": bad footer", name, true, null);
      }
    }

    @Override
    public boolean hasNext() {
      if (next == records && corrupt) {
        throw new CorruptFileException(id + ": bad page", id, true, null);
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
