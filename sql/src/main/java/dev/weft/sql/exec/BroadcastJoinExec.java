package dev.weft.sql.exec;

import dev.weft.api.Broadcast;
import dev.weft.api.Dataset;
import dev.weft.core.runtime.SpillCallback;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.Schemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A join whose build side is small: its rows are collected on the driver, broadcast as encoded
 * rows, and every task of the other (streamed) side probes them, by a hash table on the join keys
 * ({@code BroadcastHashJoin}) or, without equi-join keys, by testing the condition against every
 * build row ({@code BroadcastNestedLoopJoin}). The build side is the right one for inner, left
 * outer, semi and anti joins, the left one for right outer joins.
 */
public final class BroadcastJoinExec extends JoinExec {
  private final boolean buildRight;

  public BroadcastJoinExec(
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      JoinType joinType,
      boolean buildRight,
      Expression condition,
      PhysicalPlan left,
      PhysicalPlan right) {
    super(leftKeys, rightKeys, joinType, condition, left, right);
    this.buildRight = buildRight;
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new BroadcastJoinExec(
        leftKeys, rightKeys, joinType, buildRight, condition, c.get(0), c.get(1));
  }

  @Override
  public String nodeName() {
    return leftKeys.isEmpty() ? "BroadcastNestedLoopJoin" : "BroadcastHashJoin";
  }

  @Override
  public String argString() {
    return super.argString() + ", " + (buildRight ? "BuildRight" : "BuildLeft");
  }

  /** The side whose rows stream through the join (the other is collected and broadcast). */
  PhysicalPlan streamedSide() {
    return buildRight ? left : right;
  }

  @Override
  public Partitioning outputPartitioning() {
    PhysicalPlan streamed = buildRight ? left : right;
    Partitioning p = streamed.outputPartitioning();
    return p instanceof Partitioning.Hash ? p : new Partitioning.Unknown(p.numPartitions());
  }

  @Override
  public Dataset<InternalRow> execute(ExecContext ctx) {
    PhysicalPlan build = buildRight ? right : left;
    PhysicalPlan streamed = buildRight ? left : right;
    RowCodec buildCodec = RowCodec.of(Schemas.of(build.output()));
    List<byte[]> buildRows = build.execute(ctx).map(buildCodec::encode).collect();
    Broadcast<List<byte[]>> broadcast = ctx.context().broadcast(new ArrayList<>(buildRows));
    Expression cond = boundCondition();
    JoinType type = joinType;
    int lw = left.output().size();
    int rw = right.output().size();
    boolean br = buildRight;
    long threshold = ctx.broadcastThreshold();
    if (leftKeys.isEmpty()) {
      Dataset<InternalRow> out =
          streamed
              .execute(ctx)
              .mapPartitions(
                  it -> {
                    List<byte[]> buildBytes = broadcast.value();
                    OperatorMemory memory = reserveBuildSide(buildBytes, threshold);
                    List<InternalRow> all = decodeAll(buildBytes, buildCodec);
                    JoinType streamType = type == JoinType.FULL_OUTER ? JoinType.LEFT_OUTER : type;
                    return flatten(
                        it,
                        memory,
                        row ->
                            br
                                ? JoinRows.join(List.of(row), all, streamType, cond, lw, rw)
                                : JoinRows.join(all, List.of(row), streamType, cond, lw, rw));
                  });
      if (type == JoinType.FULL_OUTER) {
        // the build side's rows that match no streamed row, padded
        Dataset<InternalRow> streamedRows = streamed.execute(ctx);
        RowCodec streamCodec = RowCodec.of(Schemas.of(streamed.output()));
        List<byte[]> streamAll = streamedRows.map(streamCodec::encode).collect();
        List<InternalRow> lefts = decodeAll(streamAll, streamCodec);
        List<InternalRow> unmatched = new ArrayList<>();
        for (InternalRow r : decodeAll(buildRows, buildCodec)) {
          List<InternalRow> joined = JoinRows.join(lefts, List.of(r), JoinType.INNER, cond, lw, rw);
          if (joined.isEmpty()) {
            unmatched.add(InternalRow.concat(InternalRow.ofSize(lw), r));
          }
        }
        out = out.union(ctx.context().parallelize(unmatched, 1));
      }
      return out;
    }
    KeyEncoder buildKeys = new KeyEncoder(buildRight ? rightKeys : leftKeys, build.output());
    KeyEncoder streamKeys = new KeyEncoder(buildRight ? leftKeys : rightKeys, streamed.output());
    return streamed
        .execute(ctx)
        .mapPartitions(
            it -> {
              List<byte[]> buildBytes = broadcast.value();
              OperatorMemory memory = reserveBuildSide(buildBytes, threshold);
              Map<BinaryRow, List<InternalRow>> table = new HashMap<>();
              for (InternalRow r : decodeAll(buildBytes, buildCodec)) {
                InternalRow k = buildKeys.values(r);
                if (!KeyEncoder.anyNull(k)) {
                  table.computeIfAbsent(buildKeys.encode(r), x -> new ArrayList<>()).add(r);
                }
              }
              return flatten(
                  it,
                  memory,
                  row -> {
                    InternalRow k = streamKeys.values(row);
                    List<InternalRow> matches =
                        KeyEncoder.anyNull(k)
                            ? List.of()
                            : table.getOrDefault(streamKeys.encode(row), List.of());
                    return br
                        ? JoinRows.join(List.of(row), matches, type, cond, lw, rw)
                        : JoinRows.join(matches, List.of(row), type, cond, lw, rw);
                  });
            });
  }

  /**
   * Takes the memory of the decoded build side and its hash table from the task's budget.
   *
   * @throws IllegalStateException naming the relation's size and the broadcast threshold when the
   *     executor cannot grant it
   */
  private static OperatorMemory reserveBuildSide(List<byte[]> rows, long threshold) {
    long encoded = 0;
    for (byte[] b : rows) {
      encoded += b.length;
    }
    // decoded rows (about twice their encoding), their keys and the table's entries
    long needed = 3 * encoded + 128L * rows.size();
    OperatorMemory memory = new OperatorMemory("BroadcastJoin build side", SpillCallback.NONE);
    if (!memory.tryGrow(needed)) {
      memory.close();
      throw new IllegalStateException(
          "The broadcast side of a join ("
              + rows.size()
              + " rows, "
              + encoded
              + " bytes encoded, about "
              + needed
              + " bytes in memory) does not fit the executor's execution memory; lower"
              + " weft.sql.autoBroadcastJoinThreshold (now "
              + threshold
              + " bytes) so that the join shuffles, or raise weft.executor.memory");
    }
    return memory;
  }

  static List<InternalRow> decodeAll(List<byte[]> rows, RowCodec codec) {
    List<InternalRow> out = new ArrayList<>(rows.size());
    for (byte[] b : rows) {
      out.add(codec.decode(b));
    }
    return out;
  }

  /** The rows {@code f} gives for each input row; releases {@code memory} once read out. */
  static Iterator<InternalRow> flatten(
      Iterator<InternalRow> in,
      OperatorMemory memory,
      java.util.function.Function<InternalRow, List<InternalRow>> f) {
    return new Iterator<>() {
      private Iterator<InternalRow> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && in.hasNext()) {
          current = f.apply(in.next()).iterator();
        }
        if (!current.hasNext()) {
          memory.close();
          return false;
        }
        return true;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
