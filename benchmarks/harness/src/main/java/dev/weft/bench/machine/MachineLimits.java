package dev.weft.bench.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the machine can do at best, measured by the same run as the benchmarks so that the
 * workloads' throughputs can be read against it: sequential disk write and read, and memory copy
 * bandwidth.
 *
 * @param diskWriteMbPerSecond sequential write of a file, fsync included
 * @param diskReadMbPerSecond sequential read of that file back
 * @param readFromPageCache whether the read was likely served by the page cache (the file fit in
 *     the available memory)
 * @param memoryCopyMbPerSecond large array copy, bytes copied per second
 * @param probeBytes size of the probe file
 */
public record MachineLimits(
    double diskWriteMbPerSecond,
    double diskReadMbPerSecond,
    boolean readFromPageCache,
    double memoryCopyMbPerSecond,
    long probeBytes) {
  /** The probe file's largest size. */
  public static final long MAX_PROBE = 1L << 30;

  private static final int CHUNK = 8 << 20;

  /**
   * Measures, writing the probe file in {@code dir} (the data's file system): {@code min(1 GB, 2 *
   * largestInput)}, at least 64 MB.
   */
  public static MachineLimits measure(Path dir, long largestInput) throws IOException {
    long size = Math.max(64L << 20, Math.min(MAX_PROBE, 2 * largestInput));
    size -= size % CHUNK;
    Path probe = dir.resolve(".weft-bench-disk-probe");
    try {
      double write = write(probe, size);
      double read = read(probe, size);
      long available = MachineInfo.memAvailableKb() * 1024;
      return new MachineLimits(write, read, available > size, memoryCopy(), size);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  private static double write(Path file, long size) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    for (int i = 0; i < CHUNK; i++) {
      chunk.put(i, (byte) (i * 31 + 7)); // not zeros: some file systems compress or skip them
    }
    long start = System.nanoTime();
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (long done = 0; done < size; done += CHUNK) {
        chunk.clear();
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
      }
      out.force(true);
    }
    return mbPerSecond(size, System.nanoTime() - start);
  }

  private static double read(Path file, long size) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    long start = System.nanoTime();
    long total = 0;
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        chunk.clear();
      }
    }
    return mbPerSecond(Math.min(total, size), System.nanoTime() - start);
  }

  /** Best of a few copies of a 128 MB array. */
  private static double memoryCopy() {
    int n = 128 << 20;
    byte[] a = new byte[n];
    byte[] b = new byte[n];
    for (int i = 0; i < n; i += 4096) {
      a[i] = 1;
      b[i] = 1; // touch every page before timing
    }
    double best = 0;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      System.arraycopy(a, 0, b, 0, n);
      best = Math.max(best, mbPerSecond(n, System.nanoTime() - start));
    }
    return best;
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }
}
