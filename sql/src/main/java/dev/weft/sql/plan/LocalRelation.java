package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.InternalRow;
import java.util.ArrayList;
import java.util.List;

/** Rows held on the driver ({@code createDataFrame(List<Row>, schema)}). */
public record LocalRelation(List<AttributeReference> output, List<InternalRow> rows)
    implements LeafNode {
  public LocalRelation {
    output = List.copyOf(output);
    rows = List.copyOf(rows);
  }

  @Override
  public long sizeInBytes() {
    return Math.max(1, Statistics.multiply(rows.size(), Statistics.rowSize(output)));
  }

  @Override
  public LocalRelation newInstance() {
    List<AttributeReference> fresh = new ArrayList<>();
    for (AttributeReference a : output) {
      fresh.add(a.newInstance());
    }
    return new LocalRelation(fresh, rows);
  }

  @Override
  public String argString() {
    return PlanPrinter.list(output) + ", " + rows.size() + " rows";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalRelation l && l.output.equals(output) && l.rows == rows;
  }

  @Override
  public int hashCode() {
    return output.hashCode();
  }
}
