package dev.weft.hdfs.avro;

import java.io.Serializable;
import java.util.Objects;
import org.apache.avro.file.DataFileConstants;

/**
 * How {@link AvroPartWriter} writes a file: its compression codec, and the approximate size of
 * uncompressed data in each block, after which a sync marker is written. Smaller blocks make finer
 * split points and cost a little space and speed. Immutable and serializable, so the driver can
 * ship it to executors.
 *
 * @param codec the compression codec of the blocks
 * @param syncIntervalBytes the approximate uncompressed size of a block, from 32 bytes to 1 GiB
 */
public record AvroWriteOptions(AvroCodec codec, int syncIntervalBytes) implements Serializable {
  /** The smallest sync interval Avro accepts. */
  public static final int MIN_SYNC_INTERVAL = 32;

  /** The largest sync interval Avro accepts. */
  public static final int MAX_SYNC_INTERVAL = 1 << 30;

  /** Validates the options. */
  public AvroWriteOptions {
    Objects.requireNonNull(codec, "codec");
    if (syncIntervalBytes < MIN_SYNC_INTERVAL || syncIntervalBytes > MAX_SYNC_INTERVAL) {
      throw new IllegalArgumentException(
          "Avro sync interval must be from "
              + MIN_SYNC_INTERVAL
              + " to "
              + MAX_SYNC_INTERVAL
              + " bytes: "
              + syncIntervalBytes);
    }
  }

  /** Snappy compression and Avro's default sync interval (about 64 kB). */
  public static AvroWriteOptions defaults() {
    return new AvroWriteOptions(AvroCodec.SNAPPY, DataFileConstants.DEFAULT_SYNC_INTERVAL);
  }

  /** A copy with the given codec. */
  public AvroWriteOptions withCodec(AvroCodec codec) {
    return new AvroWriteOptions(codec, syncIntervalBytes);
  }

  /**
   * A copy with the codec of the given name.
   *
   * @throws IllegalArgumentException naming the valid codecs if the name is unknown
   */
  public AvroWriteOptions withCodec(String codecName) {
    return withCodec(AvroCodec.fromName(codecName));
  }

  /** A copy with the given sync interval. */
  public AvroWriteOptions withSyncInterval(int bytes) {
    return new AvroWriteOptions(codec, bytes);
  }
}
