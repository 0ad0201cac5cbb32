package dev.weft.shuffle.server;

import dev.weft.shuffle.layout.LocalDirLayout;
import dev.weft.shuffle.layout.ShuffleFileNames;
import dev.weft.shuffle.layout.ShuffleFormatException;
import dev.weft.shuffle.layout.ShuffleIndex;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.protocol.proto.FetchBlocks;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/** Finds a requested map output in its executor's local dirs and opens it for sending. */
final class BlockResolver {
  private final ApplicationRegistry registry;
  private final IndexCache indexCache;
  private final String node;

  /** One map output, open, with the index that locates its blocks. */
  record OpenedMapOutput(File dataFile, ShuffleIndex index, SharedFile file) {}

  BlockResolver(ApplicationRegistry registry, IndexCache indexCache, String node) {
    this.registry = registry;
    this.indexCache = indexCache;
    this.node = node;
  }

  /**
   * Opens the map output of {@code request} after checking that every requested reduce id exists.
   *
   * @throws RequestException naming the node, the file and the blocks when the executor is unknown,
   *     a file is missing or malformed, or a reduce id is out of range
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
        layout.fileFor(ShuffleFileNames.indexFile(request.getShuffleId(), request.getMapId()));
    File dataFile =
        layout.fileFor(ShuffleFileNames.dataFile(request.getShuffleId(), request.getMapId()));
    checkInsideAllowedRoots(app, indexFile, what);
    checkInsideAllowedRoots(app, dataFile, what);
    ShuffleIndex index;
    try {
      index = indexCache.get(indexFile);
    } catch (NoSuchFileException e) {
      throw new RequestException(
          ErrorCode.BLOCK_NOT_FOUND,
          "index file " + indexFile + " of " + what + " is missing on " + node,
          indexFile);
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
    FileChannel channel;
    try {
      channel = FileChannel.open(dataFile.toPath(), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new RequestException(
          ErrorCode.BLOCK_NOT_FOUND,
          "data file " + dataFile + " of " + what + " is missing on " + node,
          dataFile);
    } catch (IOException e) {
      throw new RequestException(
          ErrorCode.INTERNAL_ERROR,
          "cannot open data file " + dataFile + " of " + what + " on " + node + ": " + e,
          dataFile);
    }
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

  /**
   * Refuses a file that exists but resolves (symbolic links followed) outside the application's
   * allowed roots, as a registered dir replaced by a link after registration would. A missing file
   * passes and is reported missing when opened.
   */
  private void checkInsideAllowedRoots(ApplicationRegistry.App app, File file, String what)
      throws RequestException {
    if (app.allowedRoots.isEmpty() || !file.exists() || app.isInsideAllowedRoots(file.toPath())) {
      return;
    }
    throw new RequestException(
        ErrorCode.NOT_AUTHORIZED,
        "file "
            + file
            + " of "
            + what
            + " is outside the dirs of application "
            + app.appId
            + " on "
            + node,
        file);
  }

  /** "shuffle 1, map 2, reduce [0, 3] of executor 7 of application A" */
  static String describe(FetchBlocks r) {
    return "shuffle "
        + r.getShuffleId()
        + ", map "
        + r.getMapId()
        + ", reduce "
        + r.getReduceIdsList()
        + " of executor "
        + r.getExecutorId()
        + " of application "
        + r.getAppId();
  }
}
