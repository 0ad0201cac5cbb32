package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.api.PairDataset;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.Schemas;
import java.util.List;

/**
 * An equi-join of two large sides: both are hash-partitioned on their join keys (one shuffle of
 * both sides' rows, tagged by side) and each reduce task joins its partition by {@link
 * SortMergeJoin}: it sorts both sides by join key, spilling to disk when the task's memory runs
 * out, and merges them holding only one key's rows of the right side (which spill as well), so a
 * partition larger than memory completes. Rows with a NULL key match nothing: they are dropped, or
 * kept under a key of their own for the sides an outer or anti join preserves.
 */
public final class SortMergeJoinExec extends JoinExec {
  public SortMergeJoinExec(
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
    return new SortMergeJoinExec(leftKeys, rightKeys, joinType, condition, c.get(0), c.get(1));
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
        tagged(
            l.execute(ctx),
            new KeyEncoder(leftKeys, l.output()),
            lc,
            joinType.keepsUnmatchedLeft() || joinType == JoinType.LEFT_ANTI,
            SortMergeJoin.LEFT,
            SortMergeJoin.NULL_LEFT);
    PairDataset<BinaryRow, byte[]> rp =
        tagged(
            r.execute(ctx),
            new KeyEncoder(rightKeys, r.output()),
            rc,
            joinType.keepsUnmatchedRight(),
            SortMergeJoin.RIGHT,
            SortMergeJoin.NULL_RIGHT);
    Expression cond = boundCondition();
    JoinType type = joinType;
    int lw = left.output().size();
    int rw = right.output().size();
    return lp.union(rp)
        .partitionBy(new KeyPartitioner(n))
        .mapPartitions(rows -> SortMergeJoin.join(rows, lc, rc, type, cond, lw, rw));
  }

  /** The operator below the exchange: the join shuffles both sides itself, as one. */
  private static PhysicalPlan input(PhysicalPlan side) {
    return side instanceof ShuffleExchangeExec ex ? ex.children().get(0) : side;
  }

  /** The side's rows keyed by their encoded join key, encoded after a byte naming the side. */
  private static PairDataset<BinaryRow, byte[]> tagged(
      Dataset<InternalRow> rows,
      KeyEncoder keys,
      RowCodec codec,
      boolean keepNullKeys,
      byte side,
      BinaryRow nullKey) {
    Dataset<InternalRow> input =
        keepNullKeys ? rows : rows.filter(row -> !KeyEncoder.anyNull(keys.values(row)));
    return input.mapToPair(row -> SortMergeJoin.tag(row, keys, codec, side, nullKey));
  }
}
