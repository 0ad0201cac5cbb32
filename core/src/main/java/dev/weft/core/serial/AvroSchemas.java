package dev.weft.core.serial;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The Avro schemas of this JVM by fingerprint, so that records are serialized with an 8-byte
 * fingerprint instead of their schema. Schemas the driver knows reach executors with every task
 * (see {@link #shared()}); a schema made inside a task is written in full with its records.
 */
public final class AvroSchemas {
  private static final Map<Long, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private static final Map<Long, Boolean> SHARED = new ConcurrentHashMap<>();
  // The driver (and local[N], where driver and executor share the JVM) shares what it registers.
  private static volatile boolean sharesRegistrations = true;

  private AvroSchemas() {}

  /** Called once in an executor process: its own registrations do not reach other JVMs. */
  public static void markExecutorProcess() {
    sharesRegistrations = false;
  }

  /** For tests: whether new registrations count as known to every JVM. */
  static void setSharesRegistrations(boolean shares) {
    sharesRegistrations = shares;
  }

  /** Registers {@code schema}; returns its fingerprint. */
  public static long register(Schema schema) {
    long fp = fingerprint(schema);
    if (SCHEMAS.putIfAbsent(fp, schema) == null && sharesRegistrations) {
      SHARED.put(fp, Boolean.TRUE);
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
  static boolean isShared(long fingerprint) {
    return SHARED.containsKey(fingerprint);
  }

  /** The schema with this fingerprint, or null. */
  static Schema lookup(long fingerprint) {
    return SCHEMAS.get(fingerprint);
  }

  /** The schemas every JVM of the application knows, as JSON by fingerprint: shipped in tasks. */
  public static Map<Long, String> shared() {
    Map<Long, String> json = new java.util.HashMap<>();
    for (Long fp : SHARED.keySet()) {
      json.put(fp, SCHEMAS.get(fp).toString());
    }
    return json;
  }

  /** Registers the schemas shipped with a task as shared. */
  public static void registerShared(Map<Long, String> schemas) {
    for (Map.Entry<Long, String> e : schemas.entrySet()) {
      if (!SHARED.containsKey(e.getKey())) {
        SCHEMAS.putIfAbsent(e.getKey(), new Schema.Parser().parse(e.getValue()));
        SHARED.put(e.getKey(), Boolean.TRUE);
      }
    }
  }
}
