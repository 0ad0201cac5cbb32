package dev.weft.hdfs.output;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code faulty:}, which fails the Nth call of one kind
 * (create, rename, delete or mkdirs) after {@link #failNth} armed it, with an {@link IOException}
 * and without doing it. Register it with {@code fs.faulty.impl} and {@code
 * fs.faulty.impl.disable.cache=true}. Tests using it run one at a time (the state is static).
 */
public class FaultInjectingFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "faulty";

  /** The kinds of call that can be failed. */
  enum Op {
    CREATE,
    RENAME,
    DELETE,
    MKDIRS
  }

  private static Op armedOp;
  private static int remaining;
  private static boolean fired;

  /** Fails the {@code n}-th call of {@code op} from now (1 for the next), once. */
  static synchronized void failNth(Op op, int n) {
    armedOp = op;
    remaining = n;
    fired = false;
  }

  /** Disarms; returns whether the armed failure happened. */
  static synchronized boolean disarm() {
    armedOp = null;
    return fired;
  }

  // One call may run through another overload (mkdirs(Path) through mkdirs(Path, perm)): count
  // the outermost only.
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  private void enter(Op op, Path path) throws IOException {
    if (depth.get()[0]++ == 0) {
      try {
        maybeFail(op, path);
      } catch (IOException e) {
        depth.get()[0]--;
        throw e;
      }
    }
  }

  private void exit() {
    depth.get()[0]--;
  }

  private static synchronized void maybeFail(Op op, Path path) throws IOException {
    if (op == armedOp && --remaining == 0) {
      armedOp = null;
      fired = true;
      throw new IOException("Injected failure of " + op + " " + path);
    }
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    enter(Op.CREATE, f);
    try {
      return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    } finally {
      exit();
    }
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    enter(Op.CREATE, f);
    try {
      return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    } finally {
      exit();
    }
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    enter(Op.RENAME, src);
    try {
      return super.rename(src, dst);
    } finally {
      exit();
    }
  }

  @Override
  public boolean delete(Path p, boolean recursive) throws IOException {
    enter(Op.DELETE, p);
    try {
      return super.delete(p, recursive);
    } finally {
      exit();
    }
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    enter(Op.MKDIRS, f);
    try {
      return super.mkdirs(f, permission);
    } finally {
      exit();
    }
  }

  @Override
  public boolean mkdirs(Path f) throws IOException {
    enter(Op.MKDIRS, f);
    try {
      return super.mkdirs(f);
    } finally {
      exit();
    }
  }
}
