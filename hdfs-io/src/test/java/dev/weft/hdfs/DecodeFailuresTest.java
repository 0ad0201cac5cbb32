package dev.weft.hdfs;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.apache.avro.AvroRuntimeException;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.Test;

/** Specification of which decoding failures count as a corrupt file. */
public class DecodeFailuresTest {
  @Test
  public void theFormatLibrariesOwnDecodingErrorsAreCorruption() {
    assertTrue(DecodeFailures.isCorruption(new ParquetDecodingException("bad page")));
    assertTrue(DecodeFailures.isCorruption(new AvroRuntimeException("Invalid sync!")));
  }

  @Test
  public void lowLevelErrorsThrownInsideADecoderAreCorruption() {
    assertTrue(
        DecodeFailures.isCorruption(
            thrownAt(
                new ArrayIndexOutOfBoundsException(7),
                "java.nio.HeapByteBuffer",
                "org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder")));
    assertTrue(
        DecodeFailures.isCorruption(
            thrownAt(
                new IllegalArgumentException("bad length"), "org.apache.avro.io.BinaryDecoder")));
  }

  @Test
  public void errorsOfTheReaderItselfAreNotCorruption() {
    assertFalse(
        "a conversion the reader does not support",
        DecodeFailures.isCorruption(
            thrownAt(new ClassCastException("x"), "org.apache.parquet.column.Foo")));
    assertFalse(
        "thrown outside any decoder",
        DecodeFailures.isCorruption(
            thrownAt(new IllegalArgumentException("bad"), "dev.weft.sql.Something")));
    assertFalse(
        "an out-of-bounds index in record conversion",
        DecodeFailures.isCorruption(
            thrownAt(new IndexOutOfBoundsException(3), "org.apache.parquet.avro.AvroConverters")));
    assertFalse(DecodeFailures.isCorruption(new NullPointerException()));
    assertFalse(DecodeFailures.isCorruption(new IllegalStateException("bug")));
  }

  private static RuntimeException thrownAt(RuntimeException e, String... classes) {
    StackTraceElement[] frames = new StackTraceElement[classes.length];
    for (int i = 0; i < classes.length; i++) {
      frames[i] = new StackTraceElement(classes[i], "read", null, 1);
    }
    e.setStackTrace(frames);
    return e;
  }
}
