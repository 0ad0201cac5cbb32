package dev.weft.core.io;

import dev.weft.core.plan.Dependency;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.TaskLocation;
import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.hdfs.HadoopConf;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.TextSplitReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The lines of text files, one partition per input split; each partition prefers the hosts holding
 * its split's block.
 */
public final class TextFileNode extends PlanNode<String> {
  private final List<FileSplit> splits;
  private final Map<String, String> hadoopOverrides;

  public TextFileNode(int id, List<FileSplit> splits, Map<String, String> hadoopOverrides) {
    super(id, "textFile");
    this.splits = List.copyOf(splits);
    this.hadoopOverrides = HadoopConf.copyOverrides(hadoopOverrides);
  }

  @Override
  public int numPartitions() {
    return splits.size();
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of();
  }

  @Override
  public List<TaskLocation> preferredLocations(int partition) {
    List<TaskLocation> locs = new ArrayList<>();
    for (String host : splits.get(partition).hosts()) {
      locs.add(TaskLocation.host(host));
    }
    return locs;
  }

  @Override
  protected Iterator<String> compute(int partition, TaskContextImpl context) {
    FileSplit split = splits.get(partition);
    TextSplitReader reader;
    try {
      reader = new TextSplitReader(split, HadoopConf.withOverrides(hadoopOverrides));
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    context.addTaskCompletionListener(
        () -> {
          try {
            reader.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return new Iterator<>() {
      private boolean counted;

      @Override
      public boolean hasNext() {
        boolean more = reader.hasNext();
        if (!more && !counted) {
          counted = true;
          context.metrics().inputBytes += reader.bytesRead();
        }
        return more;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        context.metrics().inputRecords++;
        return reader.next();
      }
    };
  }
}
