package dev.weft.hdfs;

import java.util.List;

/**
 * Tells, for an unchecked exception a format reader threw while decoding a file, whether it says
 * that the file's bytes are wrong (corruption) rather than that the reader itself failed (a bug, a
 * conversion the reader does not support, memory). Only corruption may be skipped when corrupt
 * files are to be skipped; anything else fails the read.
 *
 * <p>Corruption is an exception of the format library's own kind ({@code ParquetRuntimeException},
 * {@code AvroRuntimeException}), or one of the low-level errors that garbage input causes
 * (out-of-bounds index, buffer underflow, negative array size, illegal argument) thrown inside a
 * decoder: Parquet's column, page and encoding code, Avro's decoders, or a decompressor.
 */
public final class DecodeFailures {
  private static final List<String> FORMAT_EXCEPTIONS =
      List.of("org.apache.parquet.ParquetRuntimeException", "org.apache.avro.AvroRuntimeException");

  private static final List<String> DECODERS =
      List.of(
          "org.apache.parquet.column.",
          "org.apache.parquet.bytes.",
          "org.apache.parquet.io.",
          "org.apache.parquet.hadoop.",
          "org.apache.parquet.format.",
          "org.apache.parquet.compression.",
          "shaded.parquet.",
          "org.apache.avro.io.",
          "org.apache.avro.file.",
          "org.apache.avro.util.",
          "org.apache.hadoop.io.compress.",
          "org.xerial.snappy.",
          "com.github.luben.zstd.",
          "io.airlift.compress.",
          "net.jpountz.",
          "org.tukaani.",
          "org.apache.commons.compress.",
          "java.util.zip.");

  private DecodeFailures() {}

  /** Whether {@code e}, thrown while decoding a file, means the file is corrupt. */
  public static boolean isCorruption(RuntimeException e) {
    for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
      if (FORMAT_EXCEPTIONS.contains(c.getName())) {
        return true;
      }
    }
    if (!(e instanceof IndexOutOfBoundsException
        || e instanceof java.nio.BufferUnderflowException
        || e instanceof NegativeArraySizeException
        || e instanceof IllegalArgumentException)) {
      return false;
    }
    // Where it was thrown: the first frame outside the JDK's own buffers and collections.
    for (StackTraceElement frame : e.getStackTrace()) {
      String cls = frame.getClassName();
      if (cls.startsWith("java.util.zip.")) {
        return true;
      }
      if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) {
        continue;
      }
      return DECODERS.stream().anyMatch(cls::startsWith);
    }
    return false;
  }
}
