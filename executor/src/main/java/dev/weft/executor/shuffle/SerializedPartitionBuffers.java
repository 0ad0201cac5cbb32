package dev.weft.executor.shuffle;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import dev.weft.api.Tuple2;
import dev.weft.core.serial.SerializationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Records serialized straight into one paged byte buffer per reduce partition. Pages start at
 * {@value #FIRST_PAGE} bytes and double up to the page size, so a partition holding little data
 * costs little; every page is acquired from the task's memory before it is allocated, and the
 * serializer's buffer and the spill stream's buffer are acquired once up front.
 *
 * <p>A spill may happen in the middle of a record (when a page cannot be had): that is harmless,
 * because every partition's bytes are later concatenated in order, spills first.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class SerializedPartitionBuffers<K, V> extends PartitionedBuffers<K, V> {
  static final int FIRST_PAGE = 128;

  private final Partition[] partitions;
  private final PageSink sink = new PageSink();
  private final Output output;
  private final long fixedBytes;

  SerializedPartitionBuffers(SpillEnv env, int numPartitions, String spillPrefix) {
    super(env, numPartitions, spillPrefix);
    int buffer = env.settings().fileBufferSize();
    // The serializer's buffer, the stream buffer of a spill or of the final file, a copy buffer.
    this.fixedBytes = 3L * buffer;
    this.partitions = new Partition[numPartitions];
    for (int p = 0; p < numPartitions; p++) {
      partitions[p] = new Partition();
    }
    this.output = new Output(sink, buffer);
    // Reserved last: the reservation may ask this very buffer to spill, which reads partitions.
    reserve(fixedBytes);
  }

  @Override
  void insert(int partition, Tuple2<K, V> record) {
    sink.target = partitions[partition];
    try {
      kryo.writeClassAndObject(output, record);
      output.flush();
    } catch (KryoException e) {
      throw new SerializationException(
          "Cannot serialize a shuffle record with a key of "
              + (record._1() == null ? "null" : record._1().getClass().getName()),
          e);
    }
  }

  @Override
  boolean hasInMemoryData() {
    for (Partition p : partitions) {
      if (p.bytes > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  void writePartition(int partition, OutputStream out) throws IOException {
    Partition p = partitions[partition];
    for (int i = 0; i < p.pages.size(); i++) {
      byte[] page = p.pages.get(i);
      out.write(page, 0, i == p.pages.size() - 1 ? p.lastPageFill : page.length);
    }
  }

  @Override
  long clearInMemory() {
    for (Partition p : partitions) {
      p.pages.clear();
      p.lastPageFill = 0;
      p.bytes = 0;
      p.nextPageSize = FIRST_PAGE;
    }
    long freed = Math.max(0, used() - fixedBytes);
    free(freed);
    return freed;
  }

  /** The serialized bytes of one reduce partition. */
  private static final class Partition {
    final List<byte[]> pages = new ArrayList<>();
    int lastPageFill;
    int nextPageSize = FIRST_PAGE;
    long bytes;
  }

  /** Receives the serializer's output and appends it to the current partition's pages. */
  private final class PageSink extends OutputStream {
    Partition target;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        Partition p = target;
        if (p.pages.isEmpty() || p.lastPageFill == p.pages.get(p.pages.size() - 1).length) {
          int size = p.nextPageSize;
          reserve(size); // may spill, which empties every partition including p
          p.pages.add(new byte[size]);
          p.lastPageFill = 0;
          p.nextPageSize = Math.min(size * 2, env.settings().pageSize());
        }
        byte[] page = p.pages.get(p.pages.size() - 1);
        int n = Math.min(len, page.length - p.lastPageFill);
        System.arraycopy(b, off, page, p.lastPageFill, n);
        p.lastPageFill += n;
        p.bytes += n;
        off += n;
        len -= n;
      }
    }
  }
}
