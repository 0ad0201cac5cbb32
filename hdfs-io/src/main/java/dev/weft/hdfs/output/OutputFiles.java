package dev.weft.hdfs.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The file system operations of one output job's commit protocol, each failing with an {@link
 * IOException} that names the path and the job where Hadoop only returns false.
 */
final class OutputFiles {
  private final FileSystem fs;
  private final String jobId;

  OutputFiles(FileSystem fs, String jobId) {
    this.fs = fs;
    this.jobId = jobId;
  }

  FileSystem fs() {
    return fs;
  }

  boolean exists(Path path) throws IOException {
    return fs.exists(path);
  }

  FileStatus statusOrNull(Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** The entries of a directory, or none if it does not exist. */
  FileStatus[] listOrEmpty(Path dir) throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("Could not move " + from + " to " + to + " for output job " + jobId);
    }
  }

  void mkdirs(Path dir) throws IOException {
    if (!fs.mkdirs(dir)) {
      throw new IOException("Could not create directory " + dir + " for output job " + jobId);
    }
  }

  /** Deletes a file or a whole directory; true if it existed. */
  boolean delete(Path path) throws IOException {
    return fs.delete(path, true);
  }

  /** Creates an empty file, replacing any. */
  void touch(Path file) throws IOException {
    fs.create(file, true).close();
  }

  /** Writes {@code text} into {@code file}, replacing it; a reader may see a partial file. */
  void write(Path file, String text) throws IOException {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Writes {@code text} into {@code file} so that the file either does not exist or holds all of
   * it: through a temporary file beside it and a rename.
   */
  void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.suffix(".tmp");
    write(tmp, text);
    fs.delete(file, false);
    rename(tmp, file);
  }

  /** The non-empty lines of a UTF-8 file. */
  List<String> readLines(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (FSDataInputStream in = fs.open(file)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  /** The non-empty lines of a UTF-8 file, or none if it does not exist. */
  List<String> readLinesOrEmpty(Path file) throws IOException {
    try {
      return readLines(file);
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }

  /** Whether a directory holds nothing, or nothing but an empty {@code _temporary}. */
  boolean holdsNothing(Path dest) throws IOException {
    for (FileStatus entry : listOrEmpty(dest)) {
      if (!entry.getPath().getName().equals(OutputLayout.TEMPORARY)
          || listOrEmpty(entry.getPath()).length > 0) {
        return false;
      }
    }
    return true;
  }
}
