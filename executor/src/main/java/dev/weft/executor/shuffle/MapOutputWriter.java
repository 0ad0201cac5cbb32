package dev.weft.executor.shuffle;

import dev.weft.shuffle.layout.MapOutputCommitter;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the final data file of a map task: for each reduce partition, its segments from every
 * spill in spill order and then its in-memory rest, copied as bytes (never deserialized), with the
 * CRC32C of each block computed on the way. Then commits data and index atomically.
 */
final class MapOutputWriter {
  /** The result: one length and one checksum per reduce partition. */
  record Blocks(long[] lengths, int[] checksums) {}

  private MapOutputWriter() {}

  /**
   * @param buffers the in-memory rest and the spills of the map task
   * @param bufferSize size of the output stream buffer and of the copy buffer
   * @throws IOException naming the file that could not be read or written
   */
  static Blocks write(
      PartitionedBuffers<?, ?> buffers,
      int numPartitions,
      File dataFile,
      File indexFile,
      int bufferSize)
      throws IOException {
    File temp = MapOutputCommitter.tempFileFor(dataFile);
    List<FileChannel> spillChannels = new ArrayList<>();
    long[] lengths = new long[numPartitions];
    int[] checksums = new int[numPartitions];
    try {
      for (PartitionedSpill spill : buffers.spills()) {
        spillChannels.add(FileChannel.open(spill.file().toPath(), StandardOpenOption.READ));
      }
      byte[] copyBuffer = new byte[bufferSize];
      try (BlockOutputStream out =
          new BlockOutputStream(new BufferedOutputStream(new FileOutputStream(temp), bufferSize))) {
        for (int p = 0; p < numPartitions; p++) {
          out.startBlock();
          for (int s = 0; s < spillChannels.size(); s++) {
            PartitionedSpill spill = buffers.spills().get(s);
            copyRange(spillChannels.get(s), spill, p, out, copyBuffer);
          }
          buffers.writePartition(p, out);
          lengths[p] = out.blockLength();
          checksums[p] = out.blockChecksum();
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp.toPath());
      throw e;
    } finally {
      for (FileChannel channel : spillChannels) {
        channel.close();
      }
    }
    MapOutputCommitter.commit(temp, dataFile, indexFile, lengths, checksums);
    return new Blocks(lengths, checksums);
  }

  private static void copyRange(
      FileChannel from, PartitionedSpill spill, int partition, OutputStream to, byte[] buffer)
      throws IOException {
    long position = spill.offset(partition);
    long remaining = spill.length(partition);
    ByteBuffer bb = ByteBuffer.wrap(buffer);
    while (remaining > 0) {
      bb.clear().limit((int) Math.min(buffer.length, remaining));
      int n = from.read(bb, position);
      if (n < 0) {
        throw new IOException(
            "Spill file "
                + spill.file()
                + " ended at "
                + position
                + " inside the segment of partition "
                + partition);
      }
      to.write(buffer, 0, n);
      position += n;
      remaining -= n;
    }
  }
}
