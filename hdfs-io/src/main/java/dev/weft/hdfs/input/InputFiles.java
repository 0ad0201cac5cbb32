package dev.weft.hdfs.input;

import dev.weft.hdfs.UserPathException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Expands input paths (files, directories, globs) into the files to read.
 *
 * <p>Hidden entries, whose names start with {@code _} or {@code .} ({@code _SUCCESS}, {@code
 * _temporary}, {@code .crc} files), are skipped in directory listings and among glob matches; a
 * path the user names literally is read even if its name looks hidden.
 */
final class InputFiles {
  private static final Logger LOG = LogManager.getLogger(InputFiles.class);

  private final Configuration conf;
  private final boolean recursive;

  InputFiles(Configuration conf, boolean recursive) {
    this.conf = conf;
    this.recursive = recursive;
  }

  /**
   * The files under {@code pathString}, in a stable order: glob matches in the order the file
   * system sorts them, and each directory's entries sorted by name.
   *
   * @throws UserPathException if the path does not exist or the glob matches no visible entry
   */
  List<FileStatus> list(String pathString) throws IOException {
    Path pattern = new Path(pathString);
    FileSystem fs = pattern.getFileSystem(conf);
    Path qualified = fs.makeQualified(pattern);
    FileStatus[] matches = fs.globStatus(qualified);
    int literalDepth = literalDepth(qualified);
    boolean isGlob = literalDepth < qualified.depth();
    List<FileStatus> files = new ArrayList<>();
    boolean matchedAny = false;
    for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
      if (isGlob && hiddenBelow(match.getPath(), literalDepth)) {
        continue;
      }
      matchedAny = true;
      if (match.isDirectory()) {
        addDirectory(fs, match.getPath(), files);
      } else {
        files.add(match);
      }
    }
    if (!matchedAny) {
      throw new UserPathException("Input path does not exist: " + pathString, pathString);
    }
    return files;
  }

  private void addDirectory(FileSystem fs, Path dir, List<FileStatus> files) throws IOException {
    List<FileStatus> entries = new ArrayList<>();
    RemoteIterator<? extends FileStatus> it = fs.listLocatedStatus(dir);
    while (it.hasNext()) {
      FileStatus entry = it.next();
      if (!isHidden(entry.getPath().getName())) {
        entries.add(entry);
      }
    }
    // Listing order is file-system specific; sort so that split order is reproducible.
    entries.sort(Comparator.comparing(FileStatus::getPath));
    for (FileStatus entry : entries) {
      if (!entry.isDirectory()) {
        files.add(entry);
      } else if (recursive) {
        addDirectory(fs, entry.getPath(), files);
      } else {
        LOG.debug("Skipping subdirectory {} of input directory {}", entry.getPath(), dir);
      }
    }
  }

  /** Whether a file or directory name marks it as hidden from input listings. */
  static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  /** Whether any component of {@code path} deeper than {@code literalDepth} is hidden. */
  private static boolean hiddenBelow(Path path, int literalDepth) {
    for (Path p = path; p != null && p.depth() > literalDepth; p = p.getParent()) {
      if (isHidden(p.getName())) {
        return true;
      }
    }
    return false;
  }

  /** The number of leading path components that contain no glob character. */
  private static int literalDepth(Path qualified) {
    int literal = qualified.depth();
    for (Path p = qualified; p != null && p.depth() > 0; p = p.getParent()) {
      if (hasGlobChar(p.getName())) {
        literal = p.depth() - 1;
      }
    }
    return literal;
  }

  private static boolean hasGlobChar(String name) {
    for (int i = 0; i < name.length(); i++) {
      switch (name.charAt(i)) {
        case '*', '?', '[', '{', '\\':
          return true;
        default:
          break;
      }
    }
    return false;
  }
}
