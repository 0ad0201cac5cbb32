package dev.weft.sql.exec;

import dev.weft.api.Tuple2;
import dev.weft.sql.exec.SpillRun.Pair;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.plan.JoinType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The join of one reduce partition by sort-merge: both sides' rows are sorted by their encoded join
 * key with {@link ExternalPairSorter}s (spilling to disk beyond the task's memory), then merged.
 * The right (build) side's rows of one key are held in a {@link SpillableRowBuffer}, which spills
 * as well, and each left row of that key is tested against them; only one key's rows are ever held.
 *
 * <p>Input rows are the encoded row after one tag byte ({@link #LEFT} or {@link #RIGHT}), keyed by
 * their encoded join key; rows with a NULL key carry a key of their side's own ({@link #NULL_LEFT},
 * {@link #NULL_RIGHT}) that equals no other, so they reach the output only where the join type
 * keeps unmatched rows. The residual condition must be TRUE for a pair to match.
 */
final class SortMergeJoin implements Iterator<InternalRow> {
  static final byte LEFT = 0;
  static final byte RIGHT = 1;
  // Encoded keys have a slot of 8 bytes per column: one-byte keys never equal a real key.
  static final BinaryRow NULL_LEFT = new BinaryRow(new byte[] {1});
  static final BinaryRow NULL_RIGHT = new BinaryRow(new byte[] {2});

  private static final int INTERRUPT_CHECK_INTERVAL = 4096;

  private final Peeking left;
  private final Peeking right;
  private final SpillableRowBuffer group;
  private final RowCodec leftCodec;
  private final RowCodec rightCodec;
  private final JoinType type;
  private final Expression condition;
  private final InternalRow leftNulls;
  private final InternalRow rightNulls;

  private byte[] groupKey; // the key whose right rows the group holds, while joining them
  private BitSet rightMatched;
  private InternalRow current; // the left row being tested against the group
  private boolean currentMatched;
  private SpillableRowBuffer.Cursor cursor;
  private SpillableRowBuffer.Cursor unmatched; // the group's right rows that matched no left row
  private InternalRow next;
  private boolean done;

  private SortMergeJoin(
      Iterator<Pair> left,
      Iterator<Pair> right,
      RowCodec leftCodec,
      RowCodec rightCodec,
      JoinType type,
      Expression condition,
      int leftWidth,
      int rightWidth) {
    this.left = new Peeking(left);
    this.right = new Peeking(right);
    this.group = new SpillableRowBuffer("SortMergeJoin build rows", "spill_join_group");
    this.leftCodec = leftCodec;
    this.rightCodec = rightCodec;
    this.type = type;
    this.condition = condition;
    this.leftNulls = InternalRow.ofSize(leftWidth);
    this.rightNulls = InternalRow.ofSize(rightWidth);
  }

  /**
   * Sorts the partition's tagged rows of both sides and returns the joined rows lazily.
   *
   * @param condition the residual condition bound to the left row followed by the right row
   */
  static Iterator<InternalRow> join(
      Iterator<Tuple2<BinaryRow, byte[]>> rows,
      RowCodec leftCodec,
      RowCodec rightCodec,
      JoinType type,
      Expression condition,
      int leftWidth,
      int rightWidth) {
    ExternalPairSorter lefts = new ExternalPairSorter("SortMergeJoin left", "spill_join_left");
    ExternalPairSorter rights = new ExternalPairSorter("SortMergeJoin right", "spill_join_right");
    long n = 0;
    while (rows.hasNext()) {
      Tuple2<BinaryRow, byte[]> t = rows.next();
      byte[] row = t._2();
      (row[0] == LEFT ? lefts : rights).add(t._1().bytes(), row);
      if (++n % INTERRUPT_CHECK_INTERVAL == 0) {
        dev.weft.core.runtime.TaskContextImpl.current().checkInterrupted();
      }
    }
    return new SortMergeJoin(
        lefts.sorted(),
        rights.sorted(),
        leftCodec,
        rightCodec,
        type,
        condition,
        leftWidth,
        rightWidth);
  }

  /**
   * A row of one side as the join's input: keyed by its encoded join key (or the side's NULL key),
   * encoded after the side's tag byte.
   */
  static Tuple2<BinaryRow, byte[]> tag(
      InternalRow row, KeyEncoder keys, RowCodec codec, byte side, BinaryRow nullKey) {
    InternalRow k = keys.values(row);
    BinaryRow key = KeyEncoder.anyNull(k) ? nullKey : keys.encode(row);
    byte[] encoded = codec.encode(row);
    byte[] value = new byte[encoded.length + 1];
    value[0] = side;
    System.arraycopy(encoded, 0, value, 1, encoded.length);
    return new Tuple2<>(key, value);
  }

  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      step();
    }
    return next != null;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    InternalRow r = next;
    next = null;
    return r;
  }

  /** Advances the merge by one row of input, setting {@link #next} when it produces a row. */
  private void step() {
    if (current != null) {
      probe();
    } else if (unmatched != null) {
      if (unmatched.hasNext()) {
        long i = unmatched.index();
        byte[] r = unmatched.next();
        if (!rightMatched.get((int) i)) {
          next = InternalRow.concat(leftNulls, rightCodec.decode(r, 1));
        }
      } else {
        unmatched = null;
        endGroup();
      }
    } else if (groupKey != null) {
      if (left.hasNext() && Arrays.equals(left.peek().key(), groupKey)) {
        current = leftCodec.decode(left.next().value(), 1);
        currentMatched = false;
        cursor = group.cursor();
      } else if (type.keepsUnmatchedRight()) {
        unmatched = group.cursor();
      } else {
        endGroup();
      }
    } else {
      mergeStep();
    }
  }

  /** Between key groups: passes an unmatched row by, or starts the group of a key on both sides. */
  private void mergeStep() {
    boolean hasLeft = left.hasNext();
    boolean hasRight = right.hasNext();
    if (!hasLeft && !hasRight) {
      done = true;
      group.close();
      return;
    }
    int c =
        !hasLeft
            ? 1
            : !hasRight ? -1 : SpillRun.KEY_ORDER.compare(left.peek().key(), right.peek().key());
    if (c < 0) {
      byte[] l = left.next().value();
      if (type.keepsUnmatchedLeft()) {
        next = InternalRow.concat(leftCodec.decode(l, 1), rightNulls);
      } else if (type == JoinType.LEFT_ANTI) {
        next = leftCodec.decode(l, 1);
      }
    } else if (c > 0) {
      byte[] r = right.next().value();
      if (type.keepsUnmatchedRight()) {
        next = InternalRow.concat(leftNulls, rightCodec.decode(r, 1));
      }
    } else {
      groupKey = right.peek().key();
      while (right.hasNext() && Arrays.equals(right.peek().key(), groupKey)) {
        group.add(right.next().value());
      }
      rightMatched = new BitSet();
    }
  }

  /** Tests the current left row against the group's next right row. */
  private void probe() {
    if (cursor.hasNext()) {
      long i = cursor.index();
      InternalRow joined = InternalRow.concat(current, rightCodec.decode(cursor.next(), 1));
      if (condition == null || Boolean.TRUE.equals(condition.eval(joined))) {
        currentMatched = true;
        rightMatched.set((int) i);
        if (type == JoinType.LEFT_SEMI) {
          next = current;
          current = null;
          cursor.close();
        } else if (type == JoinType.LEFT_ANTI) {
          current = null;
          cursor.close();
        } else {
          next = joined;
        }
      }
      return;
    }
    if (!currentMatched) {
      if (type.keepsUnmatchedLeft()) {
        next = InternalRow.concat(current, rightNulls);
      } else if (type == JoinType.LEFT_ANTI) {
        next = current;
      }
    }
    current = null;
  }

  private void endGroup() {
    groupKey = null;
    rightMatched = null;
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
    group.clear();
  }

  /** An iterator whose next element can be looked at first. */
  private static final class Peeking {
    private final Iterator<Pair> in;
    private Pair head;

    Peeking(Iterator<Pair> in) {
      this.in = in;
    }

    boolean hasNext() {
      return head != null || in.hasNext();
    }

    Pair peek() {
      if (head == null) {
        head = in.next();
      }
      return head;
    }

    Pair next() {
      Pair p = peek();
      head = null;
      return p;
    }
  }
}
