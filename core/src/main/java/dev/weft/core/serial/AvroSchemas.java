package dev.weft.core.serial;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;

/**
 * The Avro schemas one serializer knows by fingerprint, so that records are serialized with an
 * 8-byte fingerprint instead of their schema. Schemas the driver knows reach executors with every
 * task (see {@link #shared()}); a schema made inside a task on an executor is written in full with
 * its records. Owned by the {@link KryoSerializer} of a driver or executor (see {@link
 * KryoSerializer#avroSchemas()}). Thread-safe.
 */
public final class AvroSchemas {
  private final Map<Long, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<Long, Boolean> shared = new ConcurrentHashMap<>();
  // The driver (and local[N], where driver and executor share a serializer) shares what it
  // registers; an executor process does not.
  private final boolean sharesRegistrations;
  private final Map<Schema, GenericDatumWriter<GenericData.Record>> writers =
      new ConcurrentHashMap<>();
  private final Map<Schema, GenericDatumReader<GenericData.Record>> readers =
      new ConcurrentHashMap<>();

  private AvroSchemas(boolean sharesRegistrations) {
    this.sharesRegistrations = sharesRegistrations;
  }

  /** The registry of a driver: every schema it registers is shipped to executors with tasks. */
  public static AvroSchemas forDriver() {
    return new AvroSchemas(true);
  }

  /** The registry of an executor process: its own registrations do not reach other JVMs. */
  public static AvroSchemas forExecutor() {
    return new AvroSchemas(false);
  }

  /** Registers {@code schema}; returns its fingerprint. */
  public long register(Schema schema) {
    long fp = fingerprint(schema);
    if (schemas.putIfAbsent(fp, schema) == null && sharesRegistrations) {
      shared.put(fp, Boolean.TRUE);
    }
    return fp;
  }

  /**
   * A 64-bit fingerprint of the whole schema as written, logical types, defaults and properties
   * included. (Avro's parsing fingerprint leaves those out, so a {@code decimal(10,4)} would come
   * back as a {@code decimal(10,2)} registered before it.)
   */
  static long fingerprint(Schema schema) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(schema.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether every JVM reading this job's records knows the schema with this fingerprint. */
  boolean isShared(long fingerprint) {
    return shared.containsKey(fingerprint);
  }

  /** The schema with this fingerprint, or null. */
  Schema lookup(long fingerprint) {
    return schemas.get(fingerprint);
  }

  /** A writer of records of {@code schema}, made once. */
  GenericDatumWriter<GenericData.Record> writer(Schema schema) {
    return writers.computeIfAbsent(schema, GenericDatumWriter::new);
  }

  /** A reader of records of {@code schema}, made once. */
  GenericDatumReader<GenericData.Record> reader(Schema schema) {
    return readers.computeIfAbsent(schema, GenericDatumReader::new);
  }

  /** The schemas every JVM of the application knows, as JSON by fingerprint: shipped in tasks. */
  public Map<Long, String> shared() {
    Map<Long, String> json = new java.util.HashMap<>();
    for (Long fp : shared.keySet()) {
      json.put(fp, schemas.get(fp).toString());
    }
    return json;
  }

  /** Registers the schemas shipped with a task as shared. */
  public void registerShared(Map<Long, String> shipped) {
    for (Map.Entry<Long, String> e : shipped.entrySet()) {
      if (!shared.containsKey(e.getKey())) {
        schemas.putIfAbsent(e.getKey(), new Schema.Parser().parse(e.getValue()));
        shared.put(e.getKey(), Boolean.TRUE);
      }
    }
  }
}
