package dev.weft.sql.exec;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.SortOrder;
import dev.weft.sql.plan.PlanPrinter;
import java.util.List;

/** How a physical operator's output rows are spread over partitions. */
public sealed interface Partitioning {
  int numPartitions();

  /** Nothing known. */
  record Unknown(int numPartitions) implements Partitioning {
    @Override
    public String toString() {
      return "unknown";
    }
  }

  /** Everything in one partition. */
  record Single() implements Partitioning {
    @Override
    public int numPartitions() {
      return 1;
    }

    @Override
    public String toString() {
      return "SinglePartition";
    }
  }

  /**
   * Rows with equal values of {@code exprs} are in the same partition (by {@link KeyPartitioner}).
   */
  record Hash(List<Expression> exprs, int numPartitions) implements Partitioning {
    @Override
    public String toString() {
      String list = PlanPrinter.list(exprs);
      return "hashpartitioning("
          + list.substring(1, list.length() - 1)
          + ", "
          + numPartitions
          + ")";
    }
  }

  /** Partition i holds smaller rows than partition i+1 in {@code order}. */
  record Range(List<SortOrder> order, int numPartitions) implements Partitioning {
    @Override
    public String toString() {
      String list = PlanPrinter.list(order);
      return "rangepartitioning("
          + list.substring(1, list.length() - 1)
          + ", "
          + numPartitions
          + ")";
    }
  }

  /** Rows dealt evenly over the partitions. */
  record RoundRobin(int numPartitions) implements Partitioning {
    @Override
    public String toString() {
      return "RoundRobinPartitioning(" + numPartitions + ")";
    }
  }
}
