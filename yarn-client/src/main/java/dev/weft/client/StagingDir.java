package dev.weft.client;

import dev.weft.yarn.am.LaunchSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * One application's staging directory on the cluster's file system, {@code <root>/<appId>},
 * readable by its owner only: the app jar, {@code --jars}, {@code --files}, {@code --archives} and
 * the configuration archive. The application's end (or {@code --kill}, or a failed submission)
 * removes it.
 */
final class StagingDir {
  static final FsPermission DIR_PERMISSION = new FsPermission((short) 0700);

  static final FsPermission FILE_OWNER_ONLY = new FsPermission((short) 0600);

  private final FileSystem fs;
  private final Path dir;

  private StagingDir(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  /** The staging directory of {@code appId} under {@code root}; not created. */
  static StagingDir of(FileSystem fs, Path root, String appId) {
    return new StagingDir(fs, fs.makeQualified(new Path(root, appId)));
  }

  /** Creates the directory with permissions 700. */
  StagingDir create() throws IOException {
    FileSystem.mkdirs(fs, dir, DIR_PERMISSION);
    return this;
  }

  /** The directory, fully qualified. */
  Path path() {
    return dir;
  }

  /**
   * Uploads {@code local} as {@code name} into this directory.
   *
   * @return its local resource, linked as {@code linkName}
   */
  LaunchSpec.Resource upload(
      java.nio.file.Path local, String name, String linkName, boolean archive, boolean classpath)
      throws IOException {
    Path target = new Path(dir, name);
    fs.copyFromLocalFile(false, true, new Path(local.toAbsolutePath().toUri()), target);
    return resource(fs.getFileStatus(target), linkName, archive, classpath);
  }

  /**
   * Uploads {@code local} as {@code name}, readable and writable by its owner only (600): for the
   * keytab. The directory (700) already keeps others out; the file's own mode keeps it so should
   * the directory's change.
   *
   * @return its local resource, linked as {@code name}, not on the classpath
   */
  LaunchSpec.Resource uploadOwnerOnly(java.nio.file.Path local, String name) throws IOException {
    Path target = new Path(dir, name);
    try (OutputStream out =
        fs.create(
            target,
            FILE_OWNER_ONLY,
            true,
            64 << 10,
            fs.getDefaultReplication(target),
            fs.getDefaultBlockSize(target),
            null)) {
      java.nio.file.Files.copy(local, out);
    }
    fs.setPermission(target, FILE_OWNER_ONLY); // create's mode is subject to the umask
    return resource(fs.getFileStatus(target), name, false, false);
  }

  /**
   * Writes {@code bytes} as {@code name}, with modification time {@code mtime}.
   *
   * @throws IOException when the file system does not keep that modification time
   */
  LaunchSpec.Resource write(String name, byte[] bytes, long mtime, String linkName, boolean archive)
      throws IOException {
    Path target = new Path(dir, name);
    try (OutputStream out = fs.create(target, true)) {
      out.write(bytes);
    }
    fs.setTimes(target, mtime, -1);
    FileStatus status = fs.getFileStatus(target);
    if (status.getModificationTime() != mtime || status.getLen() != bytes.length) {
      throw new IOException(
          "The staging file system does not keep the modification time of " + target);
    }
    return resource(status, linkName, archive, false);
  }

  /** The resource of a file already on a cluster file system, e.g. {@code hdfs:///data/x.zip}. */
  static LaunchSpec.Resource remote(
      org.apache.hadoop.conf.Configuration conf, URI uri, String linkName, boolean archive)
      throws IOException {
    Path path = new Path(uri);
    FileStatus status = path.getFileSystem(conf).getFileStatus(path);
    return resource(status, linkName, archive, false);
  }

  private static LaunchSpec.Resource resource(
      FileStatus status, String linkName, boolean archive, boolean classpath) {
    return new LaunchSpec.Resource(
        linkName,
        status.getPath().toUri().toString(),
        status.getLen(),
        status.getModificationTime(),
        archive,
        classpath);
  }

  /** Removes the directory and everything in it; true when it existed. */
  boolean delete() throws IOException {
    return fs.delete(dir, true);
  }
}
