package dev.weft.core.plan;

/**
 * A dependency where each child partition reads a known, small set of parent partitions, so both
 * run in one task of one stage.
 */
public abstract non-sealed class NarrowDependency extends Dependency {
  private final PlanNode<?> parent;

  protected NarrowDependency(PlanNode<?> parent) {
    this.parent = parent;
  }

  public PlanNode<?> parent() {
    return parent;
  }

  /** The parent partitions that child partition {@code partition} reads. */
  public abstract int[] parentPartitions(int partition);

  /** Child partition i reads parent partition i. */
  public static final class OneToOne extends NarrowDependency {
    public OneToOne(PlanNode<?> parent) {
      super(parent);
    }

    @Override
    public int[] parentPartitions(int partition) {
      return new int[] {partition};
    }
  }

  /**
   * Child partitions {@code [outStart, outStart+length)} read parent partitions from {@code
   * inStart}.
   */
  public static final class Range extends NarrowDependency {
    private final int inStart;
    private final int outStart;
    private final int length;

    public Range(PlanNode<?> parent, int inStart, int outStart, int length) {
      super(parent);
      this.inStart = inStart;
      this.outStart = outStart;
      this.length = length;
    }

    @Override
    public int[] parentPartitions(int partition) {
      if (partition >= outStart && partition < outStart + length) {
        return new int[] {partition - outStart + inStart};
      }
      return new int[0];
    }
  }

  /** Each child partition reads an explicit group of parent partitions (coalesce). */
  public static final class Groups extends NarrowDependency {
    private final int[][] groups;

    public Groups(PlanNode<?> parent, int[][] groups) {
      super(parent);
      this.groups = groups;
    }

    @Override
    public int[] parentPartitions(int partition) {
      return groups[partition].clone();
    }
  }
}
