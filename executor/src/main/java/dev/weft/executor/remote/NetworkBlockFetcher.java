package dev.weft.executor.remote;

import dev.weft.core.runtime.MapStatus;
import dev.weft.executor.shuffle.BlockFetcher;
import dev.weft.executor.shuffle.ShuffleBlock;
import dev.weft.executor.shuffle.ShuffleServiceUnreachableException;
import dev.weft.shuffle.client.BlockFetchException;
import dev.weft.shuffle.client.BlockInputStream;
import dev.weft.shuffle.client.CorruptBlockException;
import dev.weft.shuffle.client.ShuffleClient;
import dev.weft.shuffle.client.ShuffleException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens shuffle blocks through the shuffle service of the node in each {@link MapStatus}; blocks
 * this executor wrote itself, and blocks of map statuses with port 0, are read from local files.
 * Remote blocks stream: the reader gets each as an input stream fed by the network, at most the
 * client's stream buffer ahead of it, so blocks of any size (past 2 GiB too) are read in bounded
 * memory, and since the reader opens one block at a time, one block per reader is in flight. The
 * client verifies each block's checksum as it streams and bounds the bytes in flight; any failure
 * becomes an {@link IOException} naming the service, which the shuffle reader turns into a fetch
 * failure (so the driver recomputes the map output): a {@link ShuffleServiceUnreachableException}
 * when the service could not be reached at all (so the driver takes every map output it serves as
 * lost).
 */
final class NetworkBlockFetcher implements BlockFetcher {
  private final String executorId;
  private final BlockFetcher local;
  private final ShuffleClient client;
  private final Duration timeout;
  private final AtomicLong remoteBlocks = new AtomicLong();

  NetworkBlockFetcher(
      String executorId, BlockFetcher local, ShuffleClient client, Duration timeout) {
    this.executorId = executorId;
    this.local = local;
    this.client = client;
    this.timeout = timeout;
  }

  /** How many blocks came over the network. */
  long remoteBlocks() {
    return remoteBlocks.get();
  }

  /**
   * Whether a fetch failed because the service could not be reached: no answer of the service's (no
   * error code), no corrupt block, and a connection failure underneath.
   */
  static boolean unreachable(Throwable failure) {
    return failure instanceof BlockFetchException b
        && !(b instanceof CorruptBlockException)
        && b.code() == null
        && b.getCause() instanceof IOException io
        && !(io instanceof ShuffleException);
  }

  @Override
  public ShuffleBlock open(int shuffleId, MapStatus status, int reduceId) throws IOException {
    if (status.shufflePort() == 0 || status.executorId().equals(executorId)) {
      return local.open(shuffleId, status, reduceId);
    }
    String service = status.host() + ":" + status.shufflePort();
    BlockInputStream stream;
    try {
      stream =
          client.stream(
                  status.host(),
                  status.shufflePort(),
                  status.executorId(),
                  shuffleId,
                  status.mapId(),
                  status.mapOutputId(),
                  reduceId)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching from " + service);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (unreachable(cause)) {
        throw new ShuffleServiceUnreachableException(
            "shuffle service " + service + " is unreachable: " + cause, cause);
      }
      throw new IOException("shuffle service " + service + ": " + cause, cause);
    } catch (TimeoutException e) {
      throw new IOException(
          "shuffle service " + service + " sent no block within " + timeout.toMillis() + " ms", e);
    }
    remoteBlocks.incrementAndGet();
    // The stream and the reader both check the checksum as the bytes stream; a corrupt or cut-off
    // block fails a read, which the reader reports as a fetch failure.
    return new ShuffleBlock(
        stream,
        stream.length(),
        stream.checksum(),
        service
            + " (shuffle "
            + shuffleId
            + " map "
            + status.mapId()
            + " output "
            + status.mapOutputId()
            + " reduce "
            + reduceId
            + ", file "
            + stream.file()
            + ")");
  }
}
