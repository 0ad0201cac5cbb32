package dev.weft.sql.plan;

import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.sources.FileSource;
import dev.weft.sql.sources.SourceFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * A relation read from files by a {@link FileSource}. {@code output} is the columns to read (column
 * pruning narrows it); {@code pushedFilters} are the filters the optimizer handed the source (it
 * may use them to skip partitions, row groups or pages; the engine still applies them above).
 *
 * @param allColumns every column of the source, in schema order, with their identities
 */
public record FileRelation(
    FileSource source,
    List<AttributeReference> allColumns,
    List<AttributeReference> output,
    List<SourceFilter> pushedFilters)
    implements LeafNode {
  public FileRelation {
    allColumns = List.copyOf(allColumns);
    output = List.copyOf(output);
    pushedFilters = List.copyOf(pushedFilters);
  }

  @Override
  public long sizeInBytes() {
    long size = source.estimatedSizeInBytes(pushedFilters);
    return Statistics.scale(size, allColumns, output);
  }

  @Override
  public FileRelation newInstance() {
    List<AttributeReference> fresh = new ArrayList<>();
    List<AttributeReference> out = new ArrayList<>();
    for (AttributeReference a : allColumns) {
      AttributeReference n = a.newInstance();
      fresh.add(n);
      if (output.contains(a)) {
        out.add(n);
      }
    }
    return new FileRelation(source, fresh, out, pushedFilters);
  }

  @Override
  public String nodeName() {
    return "Relation";
  }

  @Override
  public String argString() {
    return source.name()
        + " "
        + PlanPrinter.list(output)
        + (pushedFilters.isEmpty() ? "" : ", PushedFilters: " + pushedFilters);
  }
}
