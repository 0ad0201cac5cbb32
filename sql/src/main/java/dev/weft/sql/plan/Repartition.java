package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * The child's rows in {@code numPartitions} partitions: by the hash of {@code partitionExprs}, or
 * round robin when there are none. {@code numPartitions} 0 means {@code
 * weft.sql.shuffle.partitions}.
 */
public record Repartition(int numPartitions, List<Expression> partitionExprs, LogicalPlan child)
    implements UnaryNode {
  public Repartition {
    partitionExprs = List.copyOf(partitionExprs);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return partitionExprs;
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Repartition(numPartitions, partitionExprs, c);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Repartition(numPartitions, Nodes.map(partitionExprs, f), child);
  }

  @Override
  public long sizeInBytes() {
    return child.sizeInBytes();
  }

  @Override
  public String argString() {
    return PlanPrinter.list(partitionExprs) + ", " + numPartitions;
  }
}
