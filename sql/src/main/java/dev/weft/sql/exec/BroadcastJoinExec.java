package dev.weft.sql.exec;

import dev.weft.api.Broadcast;
import dev.weft.api.Dataset;
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
    if (leftKeys.isEmpty()) {
      Dataset<InternalRow> out =
          streamed
              .execute(ctx)
              .mapPartitions(
                  it -> {
                    List<InternalRow> all = decodeAll(broadcast.value(), buildCodec);
                    JoinType streamType = type == JoinType.FULL_OUTER ? JoinType.LEFT_OUTER : type;
                    return flatten(
                        it,
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
              Map<BinaryRow, List<InternalRow>> table = new HashMap<>();
              for (InternalRow r : decodeAll(broadcast.value(), buildCodec)) {
                InternalRow k = buildKeys.values(r);
                if (!KeyEncoder.anyNull(k)) {
                  table.computeIfAbsent(buildKeys.encode(r), x -> new ArrayList<>()).add(r);
                }
              }
              return flatten(
                  it,
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

  static List<InternalRow> decodeAll(List<byte[]> rows, RowCodec codec) {
    List<InternalRow> out = new ArrayList<>(rows.size());
    for (byte[] b : rows) {
      out.add(codec.decode(b));
    }
    return out;
  }

  static Iterator<InternalRow> flatten(
      Iterator<InternalRow> in, java.util.function.Function<InternalRow, List<InternalRow>> f) {
    return new Iterator<>() {
      private Iterator<InternalRow> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && in.hasNext()) {
          current = f.apply(in.next()).iterator();
        }
        return current.hasNext();
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
