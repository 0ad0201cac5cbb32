package dev.weft.sql.plan;

import dev.weft.api.Dataset;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.InternalRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows computed by a core {@link Dataset} (of {@code Row}s, records or beans, already converted to
 * internal rows), or a cached DataFrame's result. Its size is unknown unless {@code sizeInBytes}
 * says otherwise.
 *
 * @param name what {@code explain} calls it, e.g. {@code Dataset 12} or {@code InMemory}
 */
public record DatasetRelation(
    List<AttributeReference> output, Dataset<InternalRow> data, String name, long sizeInBytes)
    implements LeafNode {
  public DatasetRelation {
    output = List.copyOf(output);
  }

  @Override
  public DatasetRelation newInstance() {
    List<AttributeReference> fresh = new ArrayList<>();
    for (AttributeReference a : output) {
      fresh.add(a.newInstance());
    }
    return new DatasetRelation(fresh, data, name, sizeInBytes);
  }

  @Override
  public String nodeName() {
    return "ExistingDataset";
  }

  @Override
  public String argString() {
    return PlanPrinter.list(output) + ", " + name;
  }
}
