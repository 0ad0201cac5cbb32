package dev.weft.executor.shuffle;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import dev.weft.core.serial.SerializationException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * Map-side combine: one hash map of key to combiner per reduce partition. Their heap size is
 * estimated by sampling ({@link SizeTracker}) and memory is acquired in growing chunks ahead of it;
 * when the task cannot grant more, all maps are spilled as serialized {@code (key, combiner)}
 * segments and start empty.
 *
 * <p>The segments of one partition from different spills are later concatenated, not merged, so a
 * key may appear more than once in a map output block. That is correct because the reducer merges
 * combiners of equal keys again, across map outputs anyway.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <C> the combiner type
 */
final class CombiningPartitionBuffers<K, V, C> extends PartitionedBuffers<K, V> {
  private final Combining<V, C> combining;
  private final CombinerMap<K, C>[] maps;
  private final SizeTracker size = new SizeTracker();
  private final Output output;
  private final long fixedBytes;

  @SuppressWarnings({"unchecked", "rawtypes"})
  CombiningPartitionBuffers(
      SpillEnv env, Aggregator<K, V, C> aggregator, int numPartitions, String spillPrefix) {
    super(env, numPartitions, spillPrefix);
    this.combining = new Combining<>(aggregator, false);
    int buffer = env.settings().fileBufferSize();
    // The serializer's buffer, the stream buffer of a spill or of the final file, a copy buffer.
    this.fixedBytes = 3L * buffer;
    reserve(fixedBytes);
    this.maps = new CombinerMap[numPartitions];
    this.output = new Output(buffer);
  }

  @Override
  void insert(int partition, Tuple2<K, V> record) {
    CombinerMap<K, C> map = maps[partition];
    if (map == null) {
      map = new CombinerMap<>();
      maps[partition] = map;
    }
    map.combine(record._1(), record._2(), combining);
    size.afterUpdate(maps);
    ensureCapacity(size.estimate(), fixedBytes);
  }

  @Override
  boolean hasInMemoryData() {
    for (CombinerMap<K, C> map : maps) {
      if (map != null && !map.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  void writePartition(int partition, OutputStream out) throws IOException {
    CombinerMap<K, C> map = maps[partition];
    if (map == null || map.isEmpty()) {
      return;
    }
    output.setOutputStream(out);
    for (Iterator<Tuple2<K, C>> it = map.iterator(); it.hasNext(); ) {
      Tuple2<K, C> e = it.next();
      try {
        kryo.writeClassAndObject(output, e);
      } catch (KryoException ex) {
        throw new SerializationException(
            "Cannot serialize a combined shuffle record with a key of "
                + (e._1() == null ? "null" : e._1().getClass().getName()),
            ex);
      }
    }
    output.flush();
    output.setOutputStream(null);
  }

  @Override
  long clearInMemory() {
    for (int p = 0; p < maps.length; p++) {
      maps[p] = null;
    }
    size.reset();
    long freed = Math.max(0, used() - fixedBytes);
    free(freed);
    return freed;
  }
}
