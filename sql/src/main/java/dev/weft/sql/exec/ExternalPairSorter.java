package dev.weft.sql.exec;

import dev.weft.sql.exec.SpillRun.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts (key, value) byte pairs by key ({@link SpillRun#KEY_ORDER}) under the task's memory budget:
 * pairs are held in memory while the memory manager grants it; when it does not, or another
 * consumer of the task asks, the held pairs are sorted and written to a run file. The result merges
 * the runs; a result that fit in memory can still be spilled while it is read.
 */
final class ExternalPairSorter {
  private static final Comparator<Pair> ORDER = Comparator.comparing(Pair::key, SpillRun.KEY_ORDER);

  /** The most runs merged at once; more are first merged into one (bounding open files). */
  static final int MAX_MERGE_WIDTH = 64;

  private final OperatorMemory memory;
  private final String prefix;
  private final List<SpillRun> runs = new ArrayList<>();
  private List<Pair> buffer = new ArrayList<>();
  private SpillableReader reader;
  private boolean finished;

  /**
   * @param owner the operator's name in the memory manager (e.g. {@code "SortMergeJoin left"})
   * @param prefix the start of its spill files' names
   */
  ExternalPairSorter(String owner, String prefix) {
    this.prefix = prefix;
    this.memory = new OperatorMemory(owner, (bytes, requester) -> spillOnRequest());
  }

  void add(byte[] key, byte[] value) {
    Pair p = new Pair(key, value);
    long size = p.estimatedSize();
    if (!memory.tryGrow(size)) {
      spillBuffer();
      memory.grow(size);
    }
    buffer.add(p);
  }

  private long spillOnRequest() {
    if (reader != null) {
      return reader.spillRest();
    }
    return finished ? 0 : spillBuffer();
  }

  private long spillBuffer() {
    if (buffer.isEmpty()) {
      return memory.releaseAll();
    }
    buffer.sort(ORDER);
    SpillRun run = new SpillRun(memory.tempFile(prefix));
    long disk = run.append(buffer.iterator());
    addRun(runs, run, memory, prefix);
    buffer = new ArrayList<>();
    long estimated = memory.used();
    long freed = memory.releaseAll();
    memory.recordSpill(estimated, disk);
    return freed;
  }

  /** The pairs added, in key order; no more may be added. */
  Iterator<Pair> sorted() {
    if (runs.isEmpty()) {
      buffer.sort(ORDER);
      reader = new SpillableReader(buffer.iterator(), memory, prefix);
      buffer = null;
      return reader;
    }
    spillBuffer();
    finished = true;
    buffer = null;
    memory.close();
    return merge(runs);
  }

  /**
   * Adds a sorted run to {@code runs}; when they reach {@link #MAX_MERGE_WIDTH}, merges them into
   * one first, so that the final merge never opens more files than that.
   */
  static void addRun(List<SpillRun> runs, SpillRun run, OperatorMemory memory, String prefix) {
    runs.add(run);
    if (runs.size() >= MAX_MERGE_WIDTH) {
      SpillRun merged = new SpillRun(memory.tempFile(prefix));
      merged.append(merge(new ArrayList<>(runs)));
      runs.clear();
      runs.add(merged);
    }
  }

  /** The pairs of sorted runs in key order; deletes each run once read. */
  static Iterator<Pair> merge(List<SpillRun> runs) {
    record Head(Pair pair, SpillRun run, SpillRun.Reader reader) {}
    PriorityQueue<Head> heads =
        new PriorityQueue<>(Math.max(1, runs.size()), Comparator.comparing(Head::pair, ORDER));
    for (SpillRun run : runs) {
      SpillRun.Reader r = run.open();
      if (r.hasNext()) {
        heads.add(new Head(r.next(), run, r));
      } else {
        run.delete();
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public Pair next() {
        Head h = heads.poll();
        if (h == null) {
          throw new NoSuchElementException();
        }
        if (h.reader().hasNext()) {
          heads.add(new Head(h.reader().next(), h.run(), h.reader()));
        } else {
          h.run().delete();
        }
        return h.pair();
      }
    };
  }
}
