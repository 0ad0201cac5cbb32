package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.api.Tuple2;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.InternalRow;
import java.util.List;

/**
 * Moves rows between partitions through a core shuffle of encoded rows: keyed by their partition
 * id, bodies in {@link RowCodec} form. Operators that need a keyed shuffle (final aggregation,
 * sort, shuffled join) run their exchange themselves, fused with their own work; this class then
 * only describes it in the plan.
 */
public final class ShuffleExchangeExec extends PhysicalPlan {
  private final Partitioning partitioning;
  private final PhysicalPlan child;

  public ShuffleExchangeExec(Partitioning partitioning, PhysicalPlan child) {
    this.partitioning = partitioning;
    this.child = child;
  }

  public Partitioning partitioning() {
    return partitioning;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new ShuffleExchangeExec(partitioning, c.get(0));
  }

  @Override
  public Partitioning outputPartitioning() {
    return partitioning;
  }

  @Override
  public String nodeName() {
    return "Exchange";
  }

  @Override
  public String argString() {
    return partitioning.toString();
  }

  @Override
  public Dataset<InternalRow> execute(ExecContext ctx) {
    RowCodec codec = RowCodec.of(dev.weft.sql.plan.Schemas.of(output()));
    Dataset<InternalRow> input = child.execute(ctx);
    if (partitioning instanceof Partitioning.RoundRobin r) {
      return input.repartition(r.numPartitions());
    }
    int n = partitioning.numPartitions();
    Dataset<Tuple2<Integer, byte[]>> keyed;
    if (partitioning instanceof Partitioning.Hash h) {
      KeyEncoder keys = new KeyEncoder(h.exprs(), child.output());
      keyed =
          input.map(
              row ->
                  new Tuple2<>(Math.floorMod(keys.encode(row).hashCode(), n), codec.encode(row)));
    } else if (partitioning instanceof Partitioning.Single) {
      keyed = input.map(row -> new Tuple2<>(0, codec.encode(row)));
    } else {
      throw new IllegalStateException("Exchange " + partitioning + " runs inside its consumer");
    }
    return keyed.mapToPair(t -> t).partitionBy(new KeyPartitioner(n)).values().map(codec::decode);
  }
}
