package dev.weft.sql.exec;

import dev.weft.sql.exec.SpillRun.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoded rows of one join key's build side, appended and then read any number of times through
 * {@link Cursor}s. Rows are held in memory while the task grants it; when it does not, or another
 * consumer asks (also while cursors are reading), the rows in memory are appended to a file that
 * later reads go through. Row i is always the i-th row added.
 */
final class SpillableRowBuffer {
  private static final byte[] NO_KEY = new byte[0];

  private final OperatorMemory memory;
  private final String prefix;
  private final List<byte[]> rows = new ArrayList<>();
  private SpillRun file;
  // Changes whenever rows move from memory to the file, so open cursors reposition.
  private int generation;

  SpillableRowBuffer(String owner, String prefix) {
    this.prefix = prefix;
    this.memory = new OperatorMemory(owner, (bytes, requester) -> spill());
  }

  void add(byte[] row) {
    long size = 48L + row.length;
    if (!memory.tryGrow(size)) {
      spill();
      memory.grow(size);
    }
    rows.add(row);
  }

  /** The number of rows added since the last {@link #clear}. */
  long size() {
    return fileRows() + rows.size();
  }

  private long fileRows() {
    return file == null ? 0 : file.count();
  }

  /** Forgets every row and deletes the file. */
  void clear() {
    rows.clear();
    memory.releaseAll();
    if (file != null) {
      file.delete();
      file = null;
    }
    generation++;
  }

  /** Releases the memory for good (the buffer is not used again). */
  void close() {
    clear();
    memory.close();
  }

  private long spill() {
    if (rows.isEmpty()) {
      return memory.releaseAll();
    }
    if (file == null) {
      file = new SpillRun(memory.tempFile(prefix));
    }
    long before = file.file().length();
    long after = file.append(RowIterators.map(rows.iterator(), r -> new Pair(NO_KEY, r)));
    rows.clear();
    generation++;
    long estimated = memory.used();
    long freed = memory.releaseAll();
    memory.recordSpill(estimated, after - before);
    return freed;
  }

  /** A new reader of the rows from the first. */
  Cursor cursor() {
    return new Cursor();
  }

  /** Reads the buffer's rows in order; valid until the buffer is cleared. */
  final class Cursor {
    private long index;
    private SpillRun.Reader reader;
    private int readerGeneration;

    boolean hasNext() {
      if (index < size()) {
        return true;
      }
      close();
      return false;
    }

    /** The index of the row {@link #next} returns. */
    long index() {
      return index;
    }

    byte[] next() {
      long inFile = fileRows();
      byte[] row;
      if (index < inFile) {
        if (reader == null || readerGeneration != generation) {
          close();
          reader = file.open();
          readerGeneration = generation;
          for (long i = 0; i < index; i++) {
            reader.next();
          }
        }
        row = reader.next().value();
      } else {
        row = rows.get((int) (index - inFile));
      }
      index++;
      return row;
    }

    /** Closes the file this cursor reads, if any. */
    void close() {
      if (reader != null) {
        reader.close();
        reader = null;
      }
    }
  }
}
