package dev.weft.api;

import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.serial.KryoSerializer;
import java.io.Serializable;

/**
 * The zero value of {@code aggregateByKey} / {@code foldByKey}, copied for every key so a mutable
 * zero (a list, a map) is never shared between keys. Immutable JDK values are not copied.
 */
final class ZeroValue<T> implements Serializable {
  private final byte[] bytes;
  private final T immutable;

  ZeroValue(T zero, KryoSerializer serializer) {
    boolean shareable =
        zero == null
            || zero instanceof Number
            || zero instanceof String
            || zero instanceof Boolean
            || zero instanceof Character;
    this.immutable = shareable ? zero : null;
    this.bytes = shareable ? null : serializer.serialize(zero);
  }

  T copy() {
    if (bytes == null) {
      return immutable;
    }
    return TaskContextImpl.current().runtime().serializer().deserialize(bytes);
  }
}
