package dev.weft.sql.exec;

import dev.weft.sql.exec.SpillRun.Pair;
import dev.weft.sql.expr.InternalRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The final step of a hash aggregation in one task: merges partial buffers by encoded group key in
 * a hash table whose estimated size is taken from the task's memory budget. When the memory manager
 * denies more (or another consumer of the task asks), the table is written to disk as a run sorted
 * by key, with buffers encoded by a {@link RowCodec}, and emptied; at the end the runs are merged
 * and equal keys combined (a sort-based fallback). A table that fit in memory can still be spilled
 * while its groups are being returned.
 */
final class SpillableAggregation {
  private static final String PREFIX = "spill_agg";

  private final AggregateSpec spec;
  private final RowCodec bufferCodec;
  private final OperatorMemory memory;
  private final boolean growing;
  private final List<SpillRun> runs = new ArrayList<>();
  private Map<BinaryRow, Object[]> table = new HashMap<>();
  private SpillableReader reader;
  private boolean finished;

  SpillableAggregation(AggregateSpec spec, RowCodec bufferCodec) {
    this.spec = spec;
    this.bufferCodec = bufferCodec;
    this.growing = spec.hasGrowingBuffers();
    this.memory = new OperatorMemory("HashAggregate", (bytes, requester) -> spillOnRequest());
  }

  /**
   * Merges a partial buffer into its group.
   *
   * @param sizeHint the buffer's size (encoded, or estimated on the heap), from which the memory of
   *     a new group, or the growth of a collection buffer, is estimated
   */
  void merge(BinaryRow key, Object[] buffer, int sizeHint) {
    Object[] acc = table.get(key);
    if (acc != null) {
      spec.merge(acc, buffer);
      // A collection grows by at most the values merged into it. A single group larger than
      // memory cannot be helped by spilling: it stays (unaccounted beyond the grant).
      if (growing && !memory.tryGrow(2L * sizeHint) && table.size() > 1) {
        spillTable();
      }
      return;
    }
    // the entry, the key's bytes and the buffer's boxed values
    long size = 96L + key.bytes().length + 2L * sizeHint + 16L * buffer.length;
    if (!memory.tryGrow(size)) {
      spillTable();
      memory.grow(size);
    }
    table.put(key, buffer);
  }

  private long spillOnRequest() {
    if (reader != null) {
      return reader.spillRest();
    }
    return finished ? 0 : spillTable();
  }

  private long spillTable() {
    if (table.isEmpty()) {
      return memory.releaseAll();
    }
    List<Map.Entry<BinaryRow, Object[]>> entries = new ArrayList<>(table.entrySet());
    entries.sort((a, b) -> SpillRun.KEY_ORDER.compare(a.getKey().bytes(), b.getKey().bytes()));
    SpillRun run = new SpillRun(memory.tempFile(PREFIX));
    long disk = run.append(RowIterators.map(entries.iterator(), this::encode));
    ExternalPairSorter.addRun(runs, run, memory, PREFIX);
    table = new HashMap<>();
    long estimated = memory.used();
    long freed = memory.releaseAll();
    memory.recordSpill(estimated, disk);
    return freed;
  }

  private Pair encode(Map.Entry<BinaryRow, Object[]> e) {
    return new Pair(e.getKey().bytes(), bufferCodec.encode(new InternalRow(e.getValue())));
  }

  /** Each group's encoded key and merged buffer, in no particular order; no more may be merged. */
  Iterator<Map.Entry<byte[], Object[]>> groups() {
    Iterator<Pair> pairs;
    if (runs.isEmpty()) {
      reader =
          new SpillableReader(
              RowIterators.map(table.entrySet().iterator(), this::encode), memory, PREFIX);
      table = null;
      pairs = reader;
    } else {
      spillTable();
      finished = true;
      table = null;
      memory.close();
      pairs = ExternalPairSorter.merge(runs);
    }
    return new Combining(pairs);
  }

  /**
   * Merges the buffers of adjacent equal keys of a key-ordered stream (one pair per key in memory).
   */
  private final class Combining implements Iterator<Map.Entry<byte[], Object[]>> {
    private final Iterator<Pair> in;
    private Pair head;

    Combining(Iterator<Pair> in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      return head != null || in.hasNext();
    }

    @Override
    public Map.Entry<byte[], Object[]> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Pair first = head != null ? head : in.next();
      head = null;
      Object[] buffer = bufferCodec.decode(first.value()).values();
      while (in.hasNext()) {
        Pair p = in.next();
        if (!Arrays.equals(p.key(), first.key())) {
          head = p;
          break;
        }
        spec.merge(buffer, bufferCodec.decode(p.value()).values());
      }
      return Map.entry(first.key(), buffer);
    }
  }
}
