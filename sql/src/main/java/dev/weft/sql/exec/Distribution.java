package dev.weft.sql.exec;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.SortOrder;
import java.util.List;

/** What an operator needs of its input's partitioning. */
public sealed interface Distribution {
  /** Whether input partitioned as {@code p} meets this requirement. */
  boolean satisfiedBy(Partitioning p);

  /** The partitioning an exchange should produce to meet it. */
  Partitioning create(int numPartitions);

  /** All rows in one partition. */
  record AllTuples() implements Distribution {
    @Override
    public boolean satisfiedBy(Partitioning p) {
      return p.numPartitions() == 1;
    }

    @Override
    public Partitioning create(int n) {
      return new Partitioning.Single();
    }
  }

  /** Rows with equal {@code keys} together. */
  record Clustered(List<Expression> keys) implements Distribution {
    @Override
    public boolean satisfiedBy(Partitioning p) {
      if (p.numPartitions() == 1) {
        return true;
      }
      return p instanceof Partitioning.Hash h
          && !h.exprs().isEmpty()
          && keys.containsAll(h.exprs());
    }

    @Override
    public Partitioning create(int n) {
      return new Partitioning.Hash(keys, n);
    }
  }

  /** Rows ordered across partitions by {@code order}. */
  record Ordered(List<SortOrder> order) implements Distribution {
    @Override
    public boolean satisfiedBy(Partitioning p) {
      return p instanceof Partitioning.Range r && r.order().equals(order);
    }

    @Override
    public Partitioning create(int n) {
      return new Partitioning.Range(order, n);
    }
  }
}
