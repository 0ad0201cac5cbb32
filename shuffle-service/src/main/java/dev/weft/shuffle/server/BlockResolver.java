package dev.weft.shuffle.server;

import dev.weft.shuffle.config.ShuffleServiceKeys;
import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleFormatException;
import dev.weft.shuffle.layout.ShuffleIndex;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.protocol.proto.FetchBlocks;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds a requested map output in its executor's local dirs and opens it for sending. Both files
 * are opened through {@link ConfinedFiles}: no symbolic link is followed below the trusted base of
 * the executor's dirs (see {@link ApplicationRegistry#trustedBase}), and the index is read from the
 * very file handle that was checked. Blocking: runs on the server's disk threads.
 */
final class BlockResolver {
  private final ApplicationRegistry registry;
  private final IndexCache indexCache;
  private final String node;
  private final long maxIndexFileSize;

  /** One map output, open, with the index that locates its blocks. */
  record OpenedMapOutput(File dataFile, ShuffleIndex index, SharedFile file) {}

  BlockResolver(
      ApplicationRegistry registry, IndexCache indexCache, String node, long maxIndexFileSize) {
    this.registry = registry;
    this.indexCache = indexCache;
    this.node = node;
    this.maxIndexFileSize = maxIndexFileSize;
  }

  /**
   * Opens the map output of {@code request} after checking that every requested reduce id exists.
   *
   * @throws RequestException naming the node, the file and the blocks when the executor is unknown,
   *     a file is missing, malformed, too large or not a plain file inside the application's dirs,
   *     or a reduce id is out of range
   */
  OpenedMapOutput open(FetchBlocks request) throws RequestException {
    ApplicationRegistry.App app = registry.get(request.getAppId());
    RegisteredExecutor executor = app == null ? null : app.executors.get(request.getExecutorId());
    if (executor == null) {
      throw new RequestException(
          ErrorCode.UNKNOWN_EXECUTOR,
          "executor "
              + request.getExecutorId()
              + " of application "
              + request.getAppId()
              + " is not registered with the shuffle service on "
              + node,
          null);
    }
    LocalDirLayout layout = executor.layout();
    String what = describe(request);
    File indexFile =
        layout.fileFor(
            ShuffleFileNames.indexFile(
                request.getShuffleId(), request.getMapId(), request.getMapOutputId()));
    File dataFile =
        layout.fileFor(
            ShuffleFileNames.dataFile(
                request.getShuffleId(), request.getMapId(), request.getMapOutputId()));
    ShuffleIndex index = readIndex(app, executor, indexFile, what);
    for (int reduceId : request.getReduceIdsList()) {
      if (reduceId < 0 || reduceId >= index.numPartitions()) {
        throw new RequestException(
            ErrorCode.INVALID_REQUEST,
            "expected a reduce id in [0, "
                + index.numPartitions()
                + ") for "
                + what
                + ", found "
                + reduceId
                + " (index file "
                + indexFile
                + " on "
                + node
                + ")",
            indexFile);
      }
    }
    FileChannel channel = open(app, executor, dataFile, "data file", what).channel();
    SharedFile file = new SharedFile(channel);
    try {
      long size = channel.size();
      if (size != index.dataLength()) {
        throw new RequestException(
            ErrorCode.INVALID_SHUFFLE_FILE,
            "data file "
                + dataFile
                + " of "
                + what
                + " on "
                + node
                + ": expected "
                + index.dataLength()
                + " bytes as its index gives, found "
                + size,
            dataFile);
      }
      return new OpenedMapOutput(dataFile, index, file);
    } catch (IOException e) {
      file.release();
      throw new RequestException(
          ErrorCode.INTERNAL_ERROR, "cannot read data file " + dataFile + ": " + e, dataFile);
    } catch (RequestException e) {
      file.release();
      throw e;
    }
  }

  private ShuffleIndex readIndex(
      ApplicationRegistry.App app, RegisteredExecutor executor, File indexFile, String what)
      throws RequestException {
    try (ConfinedFiles.OpenedFile opened = open(app, executor, indexFile, "index file", what)) {
      long size = opened.attributes().size();
      if (size > maxIndexFileSize) {
        throw new RequestException(
            ErrorCode.INVALID_SHUFFLE_FILE,
            "index file "
                + indexFile
                + " of "
                + what
                + " on "
                + node
                + " has "
                + size
                + " bytes, more than the "
                + maxIndexFileSize
                + " that "
                + ShuffleServiceKeys.MAX_INDEX_FILE_SIZE.name()
                + " allows",
            indexFile);
      }
      return indexCache.get(
          indexFile, opened.attributes(), () -> readFully(opened.channel(), (int) size, indexFile));
    } catch (ShuffleFormatException e) {
      throw new RequestException(
          ErrorCode.INVALID_SHUFFLE_FILE,
          e.getMessage() + " (" + what + " on " + node + ")",
          indexFile);
    } catch (IOException e) {
      throw new RequestException(
          ErrorCode.INTERNAL_ERROR,
          "cannot read index file " + indexFile + " of " + what + " on " + node + ": " + e,
          indexFile);
    }
  }

  /**
   * Opens {@code file} without following links below the trusted base of the application's dirs.
   *
   * @param kind "index file" or "data file", for messages
   */
  private ConfinedFiles.OpenedFile open(
      ApplicationRegistry.App app, RegisteredExecutor executor, File file, String kind, String what)
      throws RequestException {
    Path path = file.toPath();
    Path base = registry.trustedBase(app, executor, path);
    if (base == null) {
      throw new RequestException(
          ErrorCode.NOT_AUTHORIZED,
          kind
              + " "
              + file
              + " of "
              + what
              + " is outside the dirs of application "
              + app.appId
              + " on "
              + node,
          file);
    }
    try {
      return ConfinedFiles.openRegularFile(base, path);
    } catch (NoSuchFileException e) {
      String missing =
          e.getFile() == null || e.getFile().equals(file.getPath())
              ? ""
              : " (" + e.getFile() + " does not exist)";
      throw new RequestException(
          ErrorCode.BLOCK_NOT_FOUND,
          kind + " " + file + " of " + what + " is missing on " + node + missing,
          file);
    } catch (ConfinedFiles.UnsafeFileException e) {
      throw new RequestException(
          ErrorCode.NOT_AUTHORIZED,
          kind
              + " "
              + file
              + " of "
              + what
              + " is refused on "
              + node
              + ": "
              + e.getFile()
              + " is "
              + e.getReason(),
          file);
    } catch (IOException e) {
      throw new RequestException(
          ErrorCode.INTERNAL_ERROR,
          "cannot open " + kind + " " + file + " of " + what + " on " + node + ": " + e,
          file);
    }
  }

  private static ShuffleIndex readFully(FileChannel channel, int size, File indexFile)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(size);
    long position = 0;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, position);
      if (n < 0) {
        throw new ShuffleFormatException(
            indexFile, "expected " + size + " bytes, found " + position + " (file shrank)");
      }
      position += n;
    }
    return ShuffleIndex.parse(buf.array(), indexFile);
  }

  /** "shuffle 1, map 2 (output 12), reduce [0, 3] of executor 7 of application A" */
  static String describe(FetchBlocks r) {
    return "shuffle "
        + r.getShuffleId()
        + ", map "
        + r.getMapId()
        + " (output "
        + r.getMapOutputId()
        + "), reduce "
        + r.getReduceIdsList()
        + " of executor "
        + r.getExecutorId()
        + " of application "
        + r.getAppId();
  }
}
