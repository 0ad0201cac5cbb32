package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.weft.api.Tuple2;

/**
 * Writes a {@link Tuple2} as its two elements, each with its class. Kryo's generic record
 * serializer would reach the components and the constructor by reflection for every pair, and pairs
 * are most of the records a shuffle carries.
 */
final class Tuple2Serializer extends Serializer<Tuple2<?, ?>> {
  Tuple2Serializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, Tuple2<?, ?> pair) {
    kryo.writeClassAndObject(output, pair._1());
    kryo.writeClassAndObject(output, pair._2());
  }

  @Override
  public Tuple2<?, ?> read(Kryo kryo, Input input, Class<? extends Tuple2<?, ?>> type) {
    Object first = kryo.readClassAndObject(input);
    return new Tuple2<>(first, kryo.readClassAndObject(input));
  }
}
