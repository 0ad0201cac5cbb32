package dev.weft.sql.exec;

import dev.weft.sql.exec.SpillRun.Pair;
import dev.weft.sql.expr.InternalRow;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The partial step of a hash aggregation in one task: folds the task's rows into one buffer per
 * group and outputs the grouping values followed by the buffer slots. The table's estimated size is
 * taken from the task's memory budget; when the memory manager denies more, the table is emitted
 * and an empty one started (correct for a partial aggregate: the final step merges repeated
 * groups). When another consumer of the task (such as the shuffle writer this step feeds) asks for
 * memory, the rows not emitted yet are written to a temporary file and emitted from there.
 */
final class PartialAggregation implements Iterator<InternalRow> {
  private static final byte[] NO_KEY = new byte[0];
  private static final long GROWTH_PER_UPDATE = 32;

  private final Iterator<InternalRow> input;
  private final KeyEncoder keys;
  private final AggregateSpec spec;
  private final boolean global;
  private final RowCodec outputCodec;
  private final OperatorMemory memory;
  private final boolean growing;
  private final ArrayDeque<SpillRun> spilled = new ArrayDeque<>();
  private Map<InternalRow, Object[]> table = new HashMap<>();
  private Iterator<InternalRow> draining; // the rows being emitted
  private boolean drainingMemory; // whether they are the table's (else a spill file's)
  private SpillRun drainingRun;
  private boolean emittedAny;
  private boolean inputDone;

  PartialAggregation(
      Iterator<InternalRow> input,
      KeyEncoder keys,
      AggregateSpec spec,
      boolean global,
      RowCodec outputCodec) {
    this.input = input;
    this.keys = keys;
    this.spec = spec;
    this.global = global;
    this.outputCodec = outputCodec;
    this.growing = spec.hasGrowingBuffers();
    this.memory =
        new OperatorMemory("HashAggregate (partial)", (bytes, requester) -> spillOnRequest());
  }

  @Override
  public boolean hasNext() {
    while (true) {
      if (draining != null && draining.hasNext()) {
        return true;
      }
      if (draining != null) {
        draining = null;
        if (drainingRun != null) {
          drainingRun.delete();
          drainingRun = null;
        }
        if (drainingMemory) {
          table = new HashMap<>();
          memory.releaseAll();
        }
      }
      if (!spilled.isEmpty()) {
        drainingRun = spilled.poll();
        draining = RowIterators.map(drainingRun.open(), p -> outputCodec.decode(p.value()));
        drainingMemory = false;
      } else if (!inputDone) {
        fill();
        if (!table.isEmpty()) {
          draining = RowIterators.map(table.entrySet().iterator(), PartialAggregation::row);
          drainingMemory = true;
        }
      } else if (global && !emittedAny) {
        draining = java.util.List.of(new InternalRow(spec.newBuffer())).iterator();
        drainingMemory = false;
      } else {
        memory.close();
        return false;
      }
    }
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    emittedAny = true;
    return draining.next();
  }

  /** Adds input rows to the table until the input ends or the table must be emitted. */
  private void fill() {
    while (input.hasNext()) {
      InternalRow row = input.next();
      InternalRow key = keys.values(row);
      Object[] buf = table.get(key);
      if (buf == null) {
        buf = spec.newBuffer();
        table.put(key, buf);
        spec.update(buf, row);
        long size = 64 + RowSizes.estimate(key.values()) + RowSizes.estimate(buf);
        if (!memory.tryGrow(size)) {
          return; // emit what the table holds (one group over its grant at most)
        }
      } else {
        spec.update(buf, row);
        // a collection buffer grows by about one value
        if (growing && !memory.tryGrow(GROWTH_PER_UPDATE)) {
          return;
        }
      }
    }
    inputDone = true;
  }

  /** Writes the groups not emitted yet to a file, to emit from there, and releases the memory. */
  private long spillOnRequest() {
    Iterator<InternalRow> rest;
    if (draining != null && drainingMemory) {
      rest = draining;
      draining = null;
    } else if (draining == null && !table.isEmpty()) {
      rest = RowIterators.map(table.entrySet().iterator(), PartialAggregation::row);
    } else {
      return 0; // emitting from a file or a single row: nothing held
    }
    SpillRun run = new SpillRun(memory.tempFile("spill_partial_agg"));
    long disk = run.append(RowIterators.map(rest, r -> new Pair(NO_KEY, outputCodec.encode(r))));
    spilled.add(run);
    table = new HashMap<>();
    long estimated = memory.used();
    long freed = memory.releaseAll();
    memory.recordSpill(estimated, disk);
    return freed;
  }

  private static InternalRow row(Map.Entry<InternalRow, Object[]> e) {
    Object[] key = e.getKey().values();
    Object[] buf = e.getValue();
    Object[] out = new Object[key.length + buf.length];
    System.arraycopy(key, 0, out, 0, key.length);
    System.arraycopy(buf, 0, out, key.length, buf.length);
    return new InternalRow(out);
  }
}
