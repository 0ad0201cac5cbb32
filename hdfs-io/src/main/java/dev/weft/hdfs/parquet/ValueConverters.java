package dev.weft.hdfs.parquet;

import dev.weft.hdfs.parquet.GenericRecordMaterializer.Sink;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The converters of Parquet's primitive values into the Avro representation of the type {@link
 * ParquetToAvro} chose for them.
 */
final class ValueConverters {
  /** The Julian day of 1970-01-01, the epoch of {@code INT96} timestamps' day count. */
  static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private ValueConverters() {}

  static PrimitiveConverter of(PrimitiveType type, Schema avro, Sink sink) {
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new PrimitiveConverter() {
          @Override
          public void addBoolean(boolean value) {
            sink.add(value);
          }
        };
      case FLOAT:
        return new PrimitiveConverter() {
          @Override
          public void addFloat(float value) {
            sink.add(value);
          }
        };
      case DOUBLE:
        return new PrimitiveConverter() {
          @Override
          public void addDouble(double value) {
            sink.add(value);
          }
        };
      case INT32:
        return int32(avro, sink);
      case INT64:
        return int64(avro, sink);
      case INT96:
        return new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {
            sink.add(int96ToMicros(value));
          }
        };
      default:
        return binary(avro, sink);
    }
  }

  private static PrimitiveConverter int32(Schema avro, Sink sink) {
    switch (avro.getType()) {
      case FIXED:
        return new PrimitiveConverter() {
          @Override
          public void addInt(int value) {
            sink.add(new GenericData.Fixed(avro, unscaledBytes(value, avro.getFixedSize())));
          }
        };
      case LONG: // unsigned 32-bit
        return new PrimitiveConverter() {
          @Override
          public void addInt(int value) {
            sink.add(Integer.toUnsignedLong(value));
          }
        };
      default:
        return new PrimitiveConverter() {
          @Override
          public void addInt(int value) {
            sink.add(value);
          }
        };
    }
  }

  private static PrimitiveConverter int64(Schema avro, Sink sink) {
    if (avro.getType() != Schema.Type.FIXED) {
      return new PrimitiveConverter() {
        @Override
        public void addLong(long value) {
          sink.add(value);
        }
      };
    }
    int size = avro.getFixedSize();
    // An INT64 decimal has at most 18 digits; decimal(20,0) is how unsigned 64-bit integers read.
    boolean unsigned =
        ((org.apache.avro.LogicalTypes.Decimal) avro.getLogicalType()).getPrecision() > 18;
    return new PrimitiveConverter() {
      @Override
      public void addLong(long value) {
        byte[] bytes =
            unsigned
                ? unscaledBytes(new BigInteger(Long.toUnsignedString(value)), size)
                : unscaledBytes(value, size);
        sink.add(new GenericData.Fixed(avro, bytes));
      }
    };
  }

  private static PrimitiveConverter binary(Schema avro, Sink sink) {
    switch (avro.getType()) {
      case STRING:
        if (avro.getLogicalType() != null && "uuid".equals(avro.getLogicalType().getName())) {
          return new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
              ByteBuffer bytes = value.toByteBuffer();
              sink.add(new Utf8(new UUID(bytes.getLong(), bytes.getLong()).toString()));
            }
          };
        }
        return new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {
            sink.add(new Utf8(copy(value)));
          }
        };
      case FIXED:
        return new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {
            sink.add(new GenericData.Fixed(avro, copy(value)));
          }
        };
      default:
        return new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {
            sink.add(ByteBuffer.wrap(copy(value)));
          }
        };
    }
  }

  /** The bytes of a value, never shared with Parquet's buffers or dictionaries. */
  private static byte[] copy(Binary value) {
    return value.getBytesUnsafe().clone();
  }

  /**
   * The instant an {@code INT96} timestamp encodes, in microseconds since the epoch: its first 8
   * bytes are the nanoseconds of the day and its last 4 the Julian day number, both little-endian
   * (the layout of Impala, Hive and Spark, which write the UTC instant).
   */
  static long int96ToMicros(Binary value) {
    if (value.length() != 12) {
      throw new IllegalArgumentException(
          "INT96 timestamp must be 12 bytes, found " + value.length());
    }
    ByteBuffer bytes = value.toByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = bytes.getLong();
    long julianDay = Integer.toUnsignedLong(bytes.getInt());
    return Math.addExact(
        Math.multiplyExact(julianDay - JULIAN_DAY_OF_EPOCH, MICROS_PER_DAY),
        Math.floorDiv(nanosOfDay, 1000L));
  }

  /** The big-endian two's complement of {@code unscaled} in {@code size} bytes (at most 8). */
  static byte[] unscaledBytes(long unscaled, int size) {
    byte[] bytes = new byte[size];
    long rest = unscaled;
    for (int i = size - 1; i >= 0; i--) {
      bytes[i] = (byte) rest;
      rest >>= 8;
    }
    return bytes;
  }

  /** The big-endian two's complement of {@code unscaled}, sign-extended to {@code size} bytes. */
  static byte[] unscaledBytes(BigInteger unscaled, int size) {
    byte[] minimal = unscaled.toByteArray();
    byte[] bytes = new byte[size];
    byte pad = (byte) (unscaled.signum() < 0 ? 0xff : 0);
    int offset = size - minimal.length;
    for (int i = 0; i < size; i++) {
      bytes[i] = i < offset ? pad : minimal[i - offset];
    }
    return bytes;
  }
}
