package dev.weft.executor.shuffle;

import dev.weft.core.runtime.FetchFailedException;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.serial.RecordReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The records of one reduce partition from the given map outputs, block after block, each block's
 * checksum verified as it streams. Any failure to open or read a block, and any record that cannot
 * be decoded from a block whose checksum is wrong, becomes a {@link FetchFailedException} naming
 * the block.
 *
 * <p>A block the consumer stops reading part-way (take, first) is verified when the iterator is
 * closed, by reading the rest of it through the checksum; the task's completion listener closes it.
 * A task being killed skips that and only closes the file.
 *
 * @param <T> the record type
 */
final class BlockRecordIterator<T> implements Iterator<T> {
  private static final Logger LOG = LogManager.getLogger(BlockRecordIterator.class);

  private final SpillEnv env;
  private final BlockFetcher fetcher;
  private final int shuffleId;
  private final int reduceId;
  private final List<MapStatus> sources;
  private final FixedReservation readBuffer;
  private int nextSource;
  private MapStatus current;
  private String currentLocation;
  private ChecksumVerifyingInputStream currentStream;
  private RecordReader<T> reader;

  /**
   * @param sources the map outputs whose block for {@code reduceId} is not empty
   */
  BlockRecordIterator(
      SpillEnv env, BlockFetcher fetcher, int shuffleId, int reduceId, List<MapStatus> sources) {
    this.env = env;
    this.fetcher = fetcher;
    this.shuffleId = shuffleId;
    this.reduceId = reduceId;
    this.sources = sources;
    this.readBuffer = new FixedReservation(env.memory(), "shuffle read buffer");
    readBuffer.hold(env.settings().fileBufferSize());
    env.task().addTaskCompletionListener(this::close);
  }

  @Override
  public boolean hasNext() {
    while (true) {
      if (reader != null) {
        try {
          if (reader.hasNext()) {
            return true;
          }
        } catch (RuntimeException e) {
          throw fetchFailed(e);
        }
        closeCurrent();
      }
      if (nextSource == sources.size()) {
        close();
        return false;
      }
      openNext();
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      T record = reader.next();
      env.task().metrics().shuffleReadRecords++;
      return record;
    } catch (RuntimeException e) {
      throw fetchFailed(e);
    }
  }

  private void openNext() {
    current = sources.get(nextSource++);
    currentLocation = "shuffle " + shuffleId + " map " + current.mapId() + " reduce " + reduceId;
    ShuffleBlock block;
    try {
      block = fetcher.open(shuffleId, current, reduceId);
    } catch (IOException | RuntimeException e) {
      throw failure(currentLocation + ": " + e.getMessage(), e);
    }
    currentLocation = block.location();
    long expected = current.blockSizes()[reduceId];
    if (block.length() != expected) {
      closeQuietly(block);
      throw failure(
          "block "
              + block.location()
              + " has "
              + block.length()
              + " bytes but the map status says "
              + expected
              + " (the map output was replaced)",
          null);
    }
    currentStream =
        new ChecksumVerifyingInputStream(
            block.stream(), block.length(), block.checksum(), block.location());
    // Closing the reader leaves currentStream open (see its close()), so it can still be drained.
    reader = env.serializer().newReader(currentStream, env.settings().fileBufferSize());
    TaskMetrics metrics = env.task().metrics();
    metrics.shuffleReadBlocks++;
    metrics.shuffleReadBytes += block.length();
  }

  /**
   * Classifies a failure while decoding: a corrupt block is a fetch failure; a record that cannot
   * be decoded from an intact block is a genuine serialization error and is rethrown as is.
   */
  private RuntimeException fetchFailed(RuntimeException e) {
    CorruptBlockException corrupt = findCorruption(e);
    IOException ioFailure = findIoFailure(e);
    if (corrupt == null && ioFailure == null) {
      try {
        currentStream.drain();
      } catch (CorruptBlockException c) {
        corrupt = c;
      } catch (IOException io) {
        ioFailure = io;
      }
    }
    Exception cause = corrupt != null ? corrupt : ioFailure;
    closeCurrent();
    if (cause == null) {
      closeWithoutVerifying();
      return e;
    }
    return failure(cause.getMessage(), cause);
  }

  private FetchFailedException failure(String message, Throwable cause) {
    closeWithoutVerifying();
    boolean unreachable = false;
    for (Throwable t = cause; t != null && !unreachable; t = t.getCause()) {
      unreachable = t instanceof ShuffleServiceUnreachableException;
    }
    return new FetchFailedException(
        shuffleId,
        current.mapId(),
        reduceId,
        current.executorId(),
        current.host(),
        "Cannot read shuffle "
            + shuffleId
            + " map "
            + current.mapId()
            + " reduce "
            + reduceId
            + " written by executor "
            + current.executorId()
            + " on "
            + current.host()
            + ": "
            + message,
        cause,
        unreachable);
  }

  private static CorruptBlockException findCorruption(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CorruptBlockException c) {
        return c;
      }
    }
    return null;
  }

  private static IOException findIoFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  private void closeCurrent() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
    if (currentStream != null) {
      try {
        currentStream.release();
      } catch (IOException e) {
        LOG.debug("Cannot close shuffle block {}", currentLocation, e);
      }
      currentStream = null;
    }
  }

  private static void closeQuietly(ShuffleBlock block) {
    try {
      block.close();
    } catch (IOException e) {
      LOG.debug("Cannot close shuffle block {}", block.location(), e);
    }
  }

  /**
   * Closes the open block and returns the read buffer's memory; idempotent. A block left partly
   * read is first read to its end (at most its length in the index), so that the records already
   * returned from it are checksum-verified, unless the task is being killed.
   *
   * @throws FetchFailedException naming the block when its rest shows it corrupt or unreadable
   */
  void close() {
    if (currentStream != null && !taskIsBeingKilled()) {
      try {
        currentStream.drain();
      } catch (IOException e) {
        throw failure(e.getMessage(), e); // closes without verifying again
      }
    }
    closeWithoutVerifying();
  }

  private boolean taskIsBeingKilled() {
    return env.task().isInterrupted() || Thread.currentThread().isInterrupted();
  }

  /** Closes the open block as it is and returns the read buffer's memory; idempotent. */
  private void closeWithoutVerifying() {
    closeCurrent();
    nextSource = sources.size();
    readBuffer.release();
  }
}
