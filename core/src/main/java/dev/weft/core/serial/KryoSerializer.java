package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import dev.weft.api.Tuple2;
import dev.weft.core.runtime.MapStatus;
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
  private final AvroSchemas avroSchemas;
  private final Pool<Kryo> pool;
  private volatile KryoSerializer withoutReferences;

  /** Instances that refuse unregistered classes, for Weft's own messages ({@link #readEngine}). */
  private final Pool<Kryo> strictPool;

  /**
   * @param referenceTracking whether shared and cyclic references inside a record are preserved
   * @param registrationRequired whether classes outside {@code userClasses} and Weft's own list are
   *     refused (catches slow, unregistered classes in production jobs)
   * @param userClasses class names to register, in a fixed order, so ids agree in every JVM
   */
  public KryoSerializer(
      boolean referenceTracking, boolean registrationRequired, List<String> userClasses) {
    this(referenceTracking, registrationRequired, userClasses, AvroSchemas.forDriver());
  }

  /**
   * A serializer whose Avro records' schemas are those of {@code avroSchemas} ({@link
   * AvroSchemas#forExecutor()} in an executor process).
   */
  public KryoSerializer(
      boolean referenceTracking,
      boolean registrationRequired,
      List<String> userClasses,
      AvroSchemas avroSchemas) {
    this.avroSchemas = avroSchemas;
    this.referenceTracking = referenceTracking;
    this.registrationRequired = registrationRequired;
    this.userClasses = List.copyOf(userClasses);
    this.pool =
        new Pool<>(true, false, 64) {
          @Override
          protected Kryo create() {
            return newKryo(registrationRequired);
          }
        };
    this.strictPool =
        new Pool<>(true, false, 8) {
          @Override
          protected Kryo create() {
            return newKryo(true);
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
          plain = new KryoSerializer(false, registrationRequired, userClasses, avroSchemas);
          withoutReferences = plain;
        }
      }
    }
    return plain;
  }

  /** The Avro schemas this serializer (and its variants) knows. */
  public AvroSchemas avroSchemas() {
    return avroSchemas;
  }

  private Kryo newKryo(boolean registrationRequired) {
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
          Optional.class,
          MapStatus.class
        }) {
      kryo.register(c);
    }
    // Replaces the serializers of classes registered already, keeping their ids.
    kryo.register(String.class, new Utf8StringSerializer());
    kryo.register(Tuple2.class, new Tuple2Serializer());
    kryo.register(
        org.apache.avro.generic.GenericData.Record.class, new GenericRecordSerializer(avroSchemas));
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

  /**
   * Reads one of Weft's own messages that {@link #serialize} wrote (a map task's {@link MapStatus})
   * with registration required, whatever {@code weft.serializer.kryo.registrationRequired} says:
   * data from an executor cannot make the driver instantiate a class that Weft did not register.
   *
   * @throws SerializationException when the bytes name an unregistered class or another type
   */
  public <T> T readEngine(byte[] bytes, Class<T> type) {
    Kryo kryo = strictPool.obtain();
    try {
      Object value = kryo.readClassAndObject(new Input(bytes));
      if (!type.isInstance(value)) {
        throw new SerializationException(
            "Expected a "
                + type.getSimpleName()
                + ", found "
                + (value == null ? "null" : value.getClass().getName()),
            null);
      }
      return type.cast(value);
    } catch (KryoException | IllegalArgumentException e) {
      // Kryo refuses an unregistered class with an IllegalArgumentException
      throw new SerializationException(
          "Cannot read a " + type.getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      strictPool.free(kryo);
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
