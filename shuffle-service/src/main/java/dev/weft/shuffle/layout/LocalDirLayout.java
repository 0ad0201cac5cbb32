package dev.weft.shuffle.layout;

import java.io.File;
import java.util.List;

/**
 * Where a file with a given name lives in an executor's local dirs. A hash of the name picks one of
 * the roots and one of {@code subDirsPerRoot} sub-directories in it, named by two hex digits
 * ({@code 00}..{@code 3f} for the default 64). The executor that writes map outputs and the shuffle
 * service that serves them both resolve names with this class, so they always agree.
 *
 * <p>This class only computes paths; it creates nothing. Instances are immutable.
 */
public final class LocalDirLayout {
  /** The number of sub-directories per root that executors use. */
  public static final int DEFAULT_SUB_DIRS_PER_ROOT = 64;

  /** The largest number of sub-directories per root that a two-hex-digit name can express. */
  public static final int MAX_SUB_DIRS_PER_ROOT = 256;

  private final List<File> roots;
  private final int subDirsPerRoot;

  /**
   * @param roots the local dirs, in the order the hash indexes them (at least one)
   * @param subDirsPerRoot sub-directories per root, 1 to {@value #MAX_SUB_DIRS_PER_ROOT}
   */
  public LocalDirLayout(List<File> roots, int subDirsPerRoot) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("expected at least one local dir, found none");
    }
    if (subDirsPerRoot < 1 || subDirsPerRoot > MAX_SUB_DIRS_PER_ROOT) {
      throw new IllegalArgumentException(
          "expected 1 to "
              + MAX_SUB_DIRS_PER_ROOT
              + " sub-directories per local dir, found "
              + subDirsPerRoot);
    }
    this.roots = List.copyOf(roots);
    this.subDirsPerRoot = subDirsPerRoot;
  }

  /** The layout executors use: {@value #DEFAULT_SUB_DIRS_PER_ROOT} sub-directories per root. */
  public static LocalDirLayout of(List<File> roots) {
    return new LocalDirLayout(roots, DEFAULT_SUB_DIRS_PER_ROOT);
  }

  public List<File> roots() {
    return roots;
  }

  public int subDirsPerRoot() {
    return subDirsPerRoot;
  }

  /** The sub-directory that holds the file called {@code name}. */
  public File dirFor(String name) {
    int h = name.hashCode() & Integer.MAX_VALUE;
    File root = roots.get(h % roots.size());
    return new File(root, subDirName((h / roots.size()) % subDirsPerRoot));
  }

  /** The path of the file called {@code name}. */
  public File fileFor(String name) {
    return new File(dirFor(name), name);
  }

  /** Every sub-directory of every root, whether it exists or not. */
  public List<File> allSubDirs() {
    File[] dirs = new File[roots.size() * subDirsPerRoot];
    int i = 0;
    for (File root : roots) {
      for (int s = 0; s < subDirsPerRoot; s++) {
        dirs[i++] = new File(root, subDirName(s));
      }
    }
    return List.of(dirs);
  }

  private static String subDirName(int index) {
    return String.format("%02x", index);
  }

  @Override
  public String toString() {
    return "LocalDirLayout(" + roots + ", " + subDirsPerRoot + " sub-dirs each)";
  }
}
