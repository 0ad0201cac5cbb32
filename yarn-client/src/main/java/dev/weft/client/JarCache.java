package dev.weft.client;

import dev.weft.yarn.am.LaunchSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Weft's runtime jars on the cluster's file system, each uploaded once to {@code <cache
 * dir>/<sha256>/<file name>} and referenced from there by every later submission. An upload goes to
 * a temporary name and is renamed into place, so a jar in the cache is always complete; a jar found
 * with the right length is reused.
 */
final class JarCache {
  private final FileSystem fs;
  private final Path dir;
  private final JarChecksums checksums;
  private int uploads;

  JarCache(FileSystem fs, Path dir, JarChecksums checksums) {
    this.fs = fs;
    this.dir = fs.makeQualified(dir);
    this.checksums = checksums;
  }

  /** The cache directory, fully qualified. */
  Path dir() {
    return dir;
  }

  /** How many jars this cache uploaded so far. */
  int uploads() {
    return uploads;
  }

  /**
   * The local resources of {@code jars}, uploading those not yet in the cache. Jars are linked by
   * file name; of two jars with one name, the first wins (as on a classpath).
   */
  List<LaunchSpec.Resource> resources(List<java.nio.file.Path> jars) throws IOException {
    List<LaunchSpec.Resource> resources = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    try {
      for (java.nio.file.Path jar : jars) {
        String name = jar.getFileName().toString();
        if (names.add(name)) {
          resources.add(resource(jar, name));
        }
      }
    } finally {
      checksums.save();
    }
    return resources;
  }

  private LaunchSpec.Resource resource(java.nio.file.Path jar, String name) throws IOException {
    long length = java.nio.file.Files.size(jar);
    Path target = new Path(new Path(dir, checksums.sha256(jar)), name);
    FileStatus status = statusIfComplete(target, length);
    if (status == null) {
      status = upload(jar, target, length);
    }
    return new LaunchSpec.Resource(
        name,
        status.getPath().toUri().toString(),
        status.getLen(),
        status.getModificationTime(),
        false,
        true);
  }

  private FileStatus upload(java.nio.file.Path jar, Path target, long length) throws IOException {
    fs.mkdirs(target.getParent());
    Path tmp =
        new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      fs.copyFromLocalFile(false, true, new Path(jar.toUri()), tmp);
      if (!fs.rename(tmp, target)) {
        // Another submission put it there first: use theirs if complete.
        FileStatus theirs = statusIfComplete(target, length);
        if (theirs == null) {
          throw new IOException("Cannot rename " + tmp + " to " + target + " in the jar cache");
        }
        return theirs;
      }
      uploads++;
    } finally {
      fs.delete(tmp, false);
    }
    return fs.getFileStatus(target);
  }

  private FileStatus statusIfComplete(Path target, long length) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(target);
      return status.isFile() && status.getLen() == length ? status : null;
    } catch (FileNotFoundException e) {
      return null;
    }
  }
}
