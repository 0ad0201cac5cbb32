package dev.weft.shuffle.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Set;

/**
 * Opens files and directories below a trusted base directory without following symbolic links:
 * every path component below the base is opened relative to the handle of its parent ({@code
 * openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}), so a link anywhere below
 * the base is refused, however it was swapped in, and the checks of a file are made on the same
 * directory handle it is opened from. Links in the base's own path are followed: the base is
 * configuration (a NodeManager's local dir), not something a tenant writes.
 */
final class ConfinedFiles {
  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private ConfinedFiles() {}

  /** A file that is not a plain regular file reached without links; refused. */
  static final class UnsafeFileException extends FileSystemException {
    UnsafeFileException(Path file, String reason) {
      super(file.toString(), null, reason);
    }
  }

  /**
   * A regular file, open for reading, with the attributes read through the directory handle it was
   * opened from just after the open.
   */
  record OpenedFile(FileChannel channel, BasicFileAttributes attributes) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /**
   * Opens the directory {@code dir} (lexically below or equal to {@code base}) without following a
   * link below {@code base}.
   *
   * @throws NoSuchFileException naming the first missing component
   * @throws UnsafeFileException when a component is a symbolic link or not a directory
   */
  static SecureDirectoryStream<Path> openDirectory(Path base, Path dir) throws IOException {
    if (!dir.startsWith(base)) {
      throw new UnsafeFileException(dir, "not inside " + base);
    }
    DirectoryStream<Path> opened = Files.newDirectoryStream(base);
    if (!(opened instanceof SecureDirectoryStream<Path> current)) {
      opened.close();
      throw new IOException(
          "this platform gives no secure directory handles (SecureDirectoryStream), which the"
              + " shuffle service needs to open files without following links");
    }
    Path reached = base;
    for (Path name : base.relativize(dir)) {
      if (name.toString().isEmpty()) {
        continue;
      }
      reached = reached.resolve(name);
      SecureDirectoryStream<Path> next;
      try {
        next = current.newDirectoryStream(name, NO_FOLLOW);
      } catch (IOException e) {
        IOException explained = explain(current, name, reached, e);
        current.close();
        throw explained;
      }
      current.close();
      current = next;
    }
    return current;
  }

  /**
   * Opens the regular file {@code file} (below {@code base}) for reading without following a link,
   * and checks on the same directory handle that it was a regular file before the open, is the same
   * file after it, and has the owner of its directory.
   *
   * @throws NoSuchFileException naming the missing file or directory
   * @throws UnsafeFileException when the file or a directory on the way is a symbolic link, the
   *     file is not a regular file, is owned by another user than its directory, or was replaced
   *     while being opened
   */
  static OpenedFile openRegularFile(Path base, Path file) throws IOException {
    try (SecureDirectoryStream<Path> dir = openDirectory(base, file.getParent())) {
      return openRegularFile(dir, file.getFileName(), file);
    }
  }

  /** {@link #openRegularFile(Path, Path)} of {@code name} in the open directory {@code dir}. */
  static OpenedFile openRegularFile(SecureDirectoryStream<Path> dir, Path name, Path file)
      throws IOException {
    BasicFileAttributeView view =
        dir.getFileAttributeView(name, PosixFileAttributeView.class, NO_FOLLOW);
    if (view == null) {
      view = dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW);
    }
    BasicFileAttributes before;
    try {
      before = view.readAttributes();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString());
    }
    checkPlainFile(file, before);
    SeekableByteChannel opened =
        dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    if (!(opened instanceof FileChannel channel)) {
      opened.close();
      throw new IOException("expected a file channel for " + file + ", found " + opened);
    }
    try {
      BasicFileAttributes after = view.readAttributes();
      checkPlainFile(file, after);
      if (!Objects.equals(before.fileKey(), after.fileKey()) || channel.size() != after.size()) {
        throw new UnsafeFileException(file, "replaced while it was being opened");
      }
      checkOwner(dir, file, after);
      return new OpenedFile(channel, after);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static void checkPlainFile(Path file, BasicFileAttributes attrs) throws IOException {
    if (attrs.isSymbolicLink()) {
      throw new UnsafeFileException(file, "a symbolic link; the shuffle service follows none");
    }
    if (!attrs.isRegularFile()) {
      // A FIFO would block the open; a directory or device is no shuffle file.
      throw new UnsafeFileException(file, "not a regular file");
    }
  }

  /**
   * Refuses a file owned by someone else than the owner of the directory holding it, both read
   * through the open directory handle. Executors create their dirs and files as the application's
   * user, so another owner means a hard link to someone else's file (which the kernel's {@code
   * fs.protected_hardlinks} normally prevents already). The link count is not checked: the linked
   * name and the original cannot be told apart, and refusing both would let a tenant deny another
   * application its own blocks.
   */
  private static void checkOwner(
      SecureDirectoryStream<Path> dir, Path file, BasicFileAttributes attrs) throws IOException {
    if (!(attrs instanceof PosixFileAttributes fileAttrs)) {
      return;
    }
    PosixFileAttributeView dirView = dir.getFileAttributeView(PosixFileAttributeView.class);
    if (dirView == null) {
      return;
    }
    UserPrincipal dirOwner = dirView.readAttributes().owner();
    if (!fileAttrs.owner().equals(dirOwner)) {
      throw new UnsafeFileException(
          file,
          "owned by "
              + fileAttrs.owner().getName()
              + ", not by "
              + dirOwner.getName()
              + " who owns its directory");
    }
  }

  /** Why {@code name} could not be opened as a directory in {@code parent}. */
  private static IOException explain(
      SecureDirectoryStream<Path> parent, Path name, Path reached, IOException cause) {
    if (cause instanceof NoSuchFileException) {
      return new NoSuchFileException(reached.toString());
    }
    try {
      BasicFileAttributes attrs =
          parent
              .getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW)
              .readAttributes();
      if (attrs.isSymbolicLink()) {
        return new UnsafeFileException(
            reached, "a symbolic link; the shuffle service follows none");
      }
      if (!attrs.isDirectory()) {
        return new UnsafeFileException(reached, "not a directory");
      }
    } catch (NoSuchFileException e) {
      return new NoSuchFileException(reached.toString());
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
    return cause;
  }
}
