package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.Schemas;
import java.util.ArrayList;
import java.util.List;

/**
 * An equi-join of two large sides: both are hash-partitioned on their join keys and each reduce
 * task joins the rows of a key. It runs as one core {@code cogroup} of encoded rows keyed by their
 * encoded join keys; the cogroup's grouping spills to disk when a task's memory runs out (the rows
 * of a single key are held together). Rows with a NULL key match nothing: they are dropped, or kept
 * under a key of their own for the sides an outer or anti join preserves.
 */
public final class ShuffledHashJoinExec extends JoinExec {
  private static final BinaryRow NULL_LEFT = new BinaryRow(new byte[] {1});
  private static final BinaryRow NULL_RIGHT = new BinaryRow(new byte[] {2});

  public ShuffledHashJoinExec(
      List<Expression> leftKeys,
      List<Expression> rightKeys,
      JoinType joinType,
      Expression condition,
      PhysicalPlan left,
      PhysicalPlan right) {
    super(leftKeys, rightKeys, joinType, condition, left, right);
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new ShuffledHashJoinExec(leftKeys, rightKeys, joinType, condition, c.get(0), c.get(1));
  }

  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(new Distribution.Clustered(leftKeys), new Distribution.Clustered(rightKeys));
  }

  @Override
  public Partitioning outputPartitioning() {
    Partitioning p = left.outputPartitioning();
    if (joinType == JoinType.INNER
        || joinType == JoinType.LEFT_SEMI
        || joinType == JoinType.LEFT_ANTI
        || joinType == JoinType.LEFT_OUTER) {
      return p;
    }
    if (joinType == JoinType.RIGHT_OUTER) {
      return right.outputPartitioning();
    }
    return new Partitioning.Unknown(p.numPartitions());
  }

  @Override
  public Dataset<InternalRow> execute(ExecContext ctx) {
    PhysicalPlan l = input(left);
    PhysicalPlan r = input(right);
    int n = left.outputPartitioning().numPartitions();
    if (n < 1) {
      n = ctx.shufflePartitions();
    }
    RowCodec lc = RowCodec.of(Schemas.of(l.output()));
    RowCodec rc = RowCodec.of(Schemas.of(r.output()));
    PairDataset<BinaryRow, byte[]> lp =
        keyed(
            l.execute(ctx),
            new KeyEncoder(leftKeys, l.output()),
            lc,
            joinType.keepsUnmatchedLeft() || joinType == JoinType.LEFT_ANTI,
            NULL_LEFT);
    PairDataset<BinaryRow, byte[]> rp =
        keyed(
            r.execute(ctx),
            new KeyEncoder(rightKeys, r.output()),
            rc,
            joinType.keepsUnmatchedRight(),
            NULL_RIGHT);
    Expression cond = boundCondition();
    JoinType type = joinType;
    int lw = left.output().size();
    int rw = right.output().size();
    return lp.cogroup(rp, new KeyPartitioner(n))
        .flatMap(
            g -> {
              List<InternalRow> lefts = new ArrayList<>();
              for (byte[] b : g._2()._1()) {
                lefts.add(lc.decode(b));
              }
              List<InternalRow> rights = new ArrayList<>();
              for (byte[] b : g._2()._2()) {
                rights.add(rc.decode(b));
              }
              return JoinRows.join(lefts, rights, type, cond, lw, rw).iterator();
            });
  }

  /** The operator below the exchange: the cogroup does the shuffle itself. */
  private static PhysicalPlan input(PhysicalPlan side) {
    return side instanceof ShuffleExchangeExec ex ? ex.children().get(0) : side;
  }

  private static PairDataset<BinaryRow, byte[]> keyed(
      Dataset<InternalRow> rows,
      KeyEncoder keys,
      RowCodec codec,
      boolean keepNullKeys,
      BinaryRow nullKey) {
    Dataset<InternalRow> input =
        keepNullKeys ? rows : rows.filter(row -> !KeyEncoder.anyNull(keys.values(row)));
    return input.mapToPair(
        row -> {
          InternalRow k = keys.values(row);
          BinaryRow key = KeyEncoder.anyNull(k) ? nullKey : keys.encode(row);
          return new Tuple2<>(key, codec.encode(row));
        });
  }
}
