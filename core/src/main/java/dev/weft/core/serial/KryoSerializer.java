package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import dev.weft.api.Tuple2;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Record serialization with Kryo, used for shuffle data, cached blocks, broadcasts and task
 * results. Kryo instances are not thread-safe; this class pools them. Each stream and each one-shot
 * call borrows an instance and returns it.
 */
public final class KryoSerializer {
  private final boolean referenceTracking;
  private final boolean registrationRequired;
  private final List<String> userClasses;
  private final Pool<Kryo> pool;
  private volatile KryoSerializer withoutReferences;

  /**
   * @param referenceTracking whether shared and cyclic references inside a record are preserved
   * @param registrationRequired whether classes outside {@code userClasses} and Weft's own list are
   *     refused (catches slow, unregistered classes in production jobs)
   * @param userClasses class names to register, in a fixed order, so ids agree in every JVM
   */
  public KryoSerializer(
      boolean referenceTracking, boolean registrationRequired, List<String> userClasses) {
    this.referenceTracking = referenceTracking;
    this.registrationRequired = registrationRequired;
    this.userClasses = List.copyOf(userClasses);
    this.pool =
        new Pool<>(true, false, 64) {
          @Override
          protected Kryo create() {
            return newKryo();
          }
        };
  }

  /**
   * A serializer like this one but without reference tracking, for records known to be trees of
   * values (no object reached twice, no cycles): it writes no reference marks and keeps no map of
   * the objects written or read. This serializer itself when it does not track references.
   */
  public KryoSerializer withoutReferenceTracking() {
    if (!referenceTracking) {
      return this;
    }
    KryoSerializer plain = withoutReferences;
    if (plain == null) {
      synchronized (this) {
        plain = withoutReferences;
        if (plain == null) {
          plain = new KryoSerializer(false, registrationRequired, userClasses);
          withoutReferences = plain;
        }
      }
    }
    return plain;
  }

  private Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setReferences(referenceTracking);
    kryo.setRegistrationRequired(registrationRequired);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.setClassLoader(contextLoader());
    // Common record and container types, so their names are not written with every record.
    for (Class<?> c :
        new Class<?>[] {
          Tuple2.class,
          Object[].class,
          long[].class,
          int[].class,
          double[].class,
          byte[].class,
          String[].class,
          ArrayList.class,
          LinkedList.class,
          HashMap.class,
          LinkedHashMap.class,
          TreeMap.class,
          HashSet.class,
          Optional.class
        }) {
      kryo.register(c);
    }
    // Replaces the serializers of classes registered already, keeping their ids.
    kryo.register(String.class, new Utf8StringSerializer());
    kryo.register(Tuple2.class, new Tuple2Serializer());
    kryo.register(org.apache.avro.generic.GenericData.Record.class, new GenericRecordSerializer());
    for (String name : userClasses) {
      try {
        kryo.register(Class.forName(name, false, contextLoader()));
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException(
            "Class '" + name + "' named in weft.serializer.kryo.classesToRegister was not found");
      }
    }
    return kryo;
  }

  private static ClassLoader contextLoader() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : KryoSerializer.class.getClassLoader();
  }

  /** Borrows a Kryo instance; give it back with {@link #release}. */
  public Kryo borrow() {
    Kryo kryo = pool.obtain();
    ClassLoader loader = contextLoader();
    if (kryo.getClassLoader() != loader) {
      kryo.setClassLoader(loader);
    }
    return kryo;
  }

  public void release(Kryo kryo) {
    pool.free(kryo);
  }

  /** Serializes one object (with its class) to bytes. */
  public byte[] serialize(Object value) {
    Kryo kryo = borrow();
    try {
      Output out = new Output(256, -1);
      kryo.writeClassAndObject(out, value);
      return out.toBytes();
    } catch (KryoException e) {
      throw new SerializationException("Cannot serialize " + describe(value), e);
    } finally {
      release(kryo);
    }
  }

  /** Reads an object written by {@link #serialize}. */
  @SuppressWarnings("unchecked")
  public <T> T deserialize(byte[] bytes) {
    Kryo kryo = borrow();
    try {
      return (T) kryo.readClassAndObject(new Input(bytes));
    } catch (KryoException e) {
      throw new SerializationException("Cannot deserialize a record: " + e.getMessage(), e);
    } finally {
      release(kryo);
    }
  }

  /** A stream of records written to {@code out}; closing it closes {@code out}. */
  public RecordWriter newWriter(OutputStream out, int bufferSize) {
    return new RecordWriter(this, out, bufferSize);
  }

  /** Reads the records a {@link RecordWriter} wrote to {@code in}; closing it closes {@code in}. */
  public <T> RecordReader<T> newReader(InputStream in, int bufferSize) {
    return new RecordReader<>(this, in, bufferSize);
  }

  static String describe(Object value) {
    return value == null ? "null" : "a record of " + value.getClass().getName();
  }
}
