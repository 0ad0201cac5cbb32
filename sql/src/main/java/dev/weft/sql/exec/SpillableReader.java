package dev.weft.sql.exec;

import dev.weft.sql.exec.SpillRun.Pair;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Returns an operator's results from memory and, when another consumer of the task needs that
 * memory, writes the results not yet returned to a file and continues from the file: an operator
 * that is being read never holds memory that a later operator of the same task (such as the writer
 * of the next shuffle) cannot get. Releases the operator's memory once read out.
 */
final class SpillableReader implements Iterator<Pair> {
  private final OperatorMemory memory;
  private final String prefix;
  private Iterator<Pair> inMemory;
  private SpillRun run;
  private SpillRun.Reader fromFile;

  SpillableReader(Iterator<Pair> inMemory, OperatorMemory memory, String prefix) {
    this.inMemory = inMemory;
    this.memory = memory;
    this.prefix = prefix;
  }

  @Override
  public boolean hasNext() {
    if (fromFile != null) {
      if (fromFile.hasNext()) {
        return true;
      }
      run.delete();
      memory.close();
      return false;
    }
    if (inMemory.hasNext()) {
      return true;
    }
    memory.close();
    return false;
  }

  @Override
  public Pair next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return fromFile != null ? fromFile.next() : inMemory.next();
  }

  /**
   * Writes the results not returned yet to disk and releases the memory.
   *
   * @return the bytes released
   */
  long spillRest() {
    if (fromFile != null || !inMemory.hasNext()) {
      return 0;
    }
    run = new SpillRun(memory.tempFile(prefix));
    long disk = run.append(inMemory);
    inMemory = null;
    fromFile = run.open();
    long estimated = memory.used();
    long freed = memory.releaseAll();
    memory.recordSpill(estimated, disk);
    return freed;
  }
}
