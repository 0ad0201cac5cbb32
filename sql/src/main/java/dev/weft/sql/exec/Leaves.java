package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.plan.FileRelation;
import dev.weft.sql.plan.PlanPrinter;
import dev.weft.sql.sources.SourceFilter;
import dev.weft.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;

/** The scans: the leaves of physical plans. */
public final class Leaves {
  private Leaves() {}

  abstract static class LeafExec extends PhysicalPlan {
    @Override
    public List<PhysicalPlan> children() {
      return List.of();
    }

    @Override
    public PhysicalPlan withNewChildren(List<PhysicalPlan> children) {
      return this;
    }
  }

  /** Rows held on the driver, shipped with the tasks. */
  public static final class LocalTableScanExec extends LeafExec {
    private final List<AttributeReference> output;
    private final List<InternalRow> rows;
    private final int partitions;

    public LocalTableScanExec(
        List<AttributeReference> output, List<InternalRow> rows, int parallelism) {
      this.output = output;
      this.rows = rows;
      this.partitions = Math.max(1, Math.min(parallelism, rows.size()));
    }

    @Override
    public List<AttributeReference> output() {
      return output;
    }

    @Override
    public Partitioning outputPartitioning() {
      return new Partitioning.Unknown(partitions);
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      return ctx.context().parallelize(rows, partitions);
    }

    @Override
    public String argString() {
      return PlanPrinter.list(output);
    }
  }

  /** The rows of a core dataset (createDataFrame over a Dataset, a cached DataFrame). */
  public static final class ExistingDatasetScanExec extends LeafExec {
    private final List<AttributeReference> output;
    private final Dataset<InternalRow> data;
    private final String name;

    public ExistingDatasetScanExec(
        List<AttributeReference> output, Dataset<InternalRow> data, String name) {
      this.output = output;
      this.data = data;
      this.name = name;
    }

    @Override
    public List<AttributeReference> output() {
      return output;
    }

    @Override
    public Partitioning outputPartitioning() {
      return new Partitioning.Unknown(data.getNumPartitions());
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      return data;
    }

    @Override
    public String nodeName() {
      return "Scan";
    }

    @Override
    public String argString() {
      return name + " " + PlanPrinter.list(output);
    }
  }

  /** A file source's scan with the pushed filters and the required columns. */
  public static final class FileScanExec extends LeafExec {
    private final FileRelation relation;
    private final boolean batched;

    /**
     * @param batched whether the source is read as column batches (its vectorized reader)
     */
    public FileScanExec(FileRelation relation, boolean batched) {
      this.relation = relation;
      this.batched = batched;
    }

    /** Whether the source is read as column batches. */
    public boolean batched() {
      return batched;
    }

    FileRelation relation() {
      return relation;
    }

    /** The source's column batches (only when {@link #batched}). */
    Dataset<ColumnBatch> executeBatches(ExecContext ctx) {
      List<String> names = relation.output().stream().map(AttributeReference::name).toList();
      return relation.source().scanBatches(ctx.context(), names, relation.pushedFilters());
    }

    /** {@code Scan parquet}: the first word of the source's name, its format. */
    @Override
    String stageLabel() {
      String source = relation.source().name();
      int space = source.indexOf(' ');
      return "Scan " + (space < 0 ? source : source.substring(0, space));
    }

    @Override
    public List<AttributeReference> output() {
      return relation.output();
    }

    @Override
    public Dataset<InternalRow> execute(ExecContext ctx) {
      if (batched) {
        return executeBatches(ctx).mapPartitions(ColumnBatch::rows);
      }
      List<String> names = relation.output().stream().map(AttributeReference::name).toList();
      return relation.source().scan(ctx.context(), names, relation.pushedFilters());
    }

    @Override
    public String nodeName() {
      return "FileScan";
    }

    /**
     * As Spark shows a file scan: the source, the columns, then the pushed filters split into
     * {@code PartitionFilters} (on partition columns only: they prune directories at planning time)
     * and {@code PushedFilters} (on data columns: row-group statistics and dictionaries), and
     * {@code ReadSchema}, the columns read from the files.
     */
    @Override
    public String argString() {
      List<String> partitionColumns = relation.source().partitionColumns();
      List<SourceFilter> partitionFilters = new ArrayList<>();
      List<SourceFilter> dataFilters = new ArrayList<>();
      for (SourceFilter f : relation.pushedFilters()) {
        boolean onPartitions = !f.references().isEmpty();
        for (String column : f.references()) {
          onPartitions &= partitionColumns.contains(column);
        }
        (onPartitions ? partitionFilters : dataFilters).add(f);
      }
      StringBuilder readSchema = new StringBuilder("struct<");
      for (AttributeReference a : relation.output()) {
        if (!partitionColumns.contains(a.name())) {
          readSchema.append(readSchema.length() > 7 ? "," : "");
          readSchema.append(a.name()).append(':').append(a.dataType().simpleString());
        }
      }
      return relation.source().name()
          + " "
          + PlanPrinter.list(relation.output())
          + ", PartitionFilters: "
          + partitionFilters
          + ", PushedFilters: "
          + dataFilters
          + ", ReadSchema: "
          + readSchema.append('>')
          + ", Batched: "
          + batched;
    }
  }
}
