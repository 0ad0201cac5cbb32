package dev.weft.hdfs.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The list of files a job commit publishes, written into the job's directory before the first is
 * published: one line per committed file as {@code task-00003/relative/path}, after a header line
 * {@code #owns-destination=true|false} (whether, once published, the destination holds nothing but
 * this job's output). Written once and atomically, so a manifest that exists is complete. A listed
 * file whose committed copy is gone was published by the job; this is how an abort knows what to
 * delete and a new application attempt knows how far the commit got.
 */
record PublishManifest(boolean ownsDestination, List<String> entries) {
  private static final String OWNS = "#owns-destination=";

  PublishManifest {
    entries = List.copyOf(entries);
  }

  /** The manifest of every file under the job's committed directory. */
  static PublishManifest ofCommitted(OutputFiles files, OutputLayout layout, boolean owns)
      throws IOException {
    List<String> entries = new ArrayList<>();
    for (FileStatus taskDir : files.listOrEmpty(layout.committedDir())) {
      list(files, taskDir.getPath(), taskDir.getPath().getName(), entries);
    }
    entries.sort(null);
    return new PublishManifest(owns, entries);
  }

  private static void list(OutputFiles files, Path dir, String relative, List<String> into)
      throws IOException {
    for (FileStatus entry : files.listOrEmpty(dir)) {
      String child = relative + "/" + entry.getPath().getName();
      if (entry.isDirectory()) {
        list(files, entry.getPath(), child, into);
      } else {
        into.add(child);
      }
    }
  }

  /** The job's manifest, or null if its job commit never wrote one. */
  static PublishManifest readOrNull(OutputFiles files, OutputLayout layout) throws IOException {
    Path path = layout.publishManifest();
    if (!files.exists(path)) {
      return null;
    }
    boolean owns = false;
    List<String> entries = new ArrayList<>();
    for (String line : files.readLines(path)) {
      if (line.startsWith(OWNS)) {
        owns = Boolean.parseBoolean(line.substring(OWNS.length()));
      } else if (!line.startsWith("#")) {
        entries.add(line);
      }
    }
    return new PublishManifest(owns, entries);
  }

  void write(OutputFiles files, OutputLayout layout) throws IOException {
    StringBuilder text = new StringBuilder(OWNS).append(ownsDestination).append('\n');
    for (String entry : entries) {
      text.append(entry).append('\n');
    }
    files.writeAtomically(layout.publishManifest(), text.toString());
  }

  /** Where an entry's committed copy waits to be published. */
  static Path committedCopy(OutputLayout layout, String entry) {
    return new Path(layout.committedDir(), entry);
  }

  /** Where an entry is published, or null for a malformed entry. */
  static Path published(OutputLayout layout, String entry) {
    int slash = entry.indexOf('/');
    return slash < 0 ? null : new Path(layout.destination(), entry.substring(slash + 1));
  }
}
