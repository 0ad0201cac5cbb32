package dev.weft.sql.sources.parquet;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.vector.HeapColumnVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Moves the current (non-null) value of a column reader into a vector, converted to the engine's
 * representation exactly as {@link RowConverters} converts it for rows: unsigned integers widened,
 * timestamps in micros, INT96 from Impala's layout, decimals as unscaled longs up to 18 digits.
 */
@FunctionalInterface
interface ValueConversion {
  long JULIAN_DAY_OF_EPOCH = 2_440_588L;
  long MICROS_PER_DAY = 86_400_000_000L;

  void put(ColumnReader r, HeapColumnVector v, int row);

  /** The conversion from a Parquet column to a vector of {@code type} (the table's type). */
  static ValueConversion of(PrimitiveType p, DataType type, String file) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return (r, v, i) -> v.putBoolean(i, r.getBoolean());
      case FLOAT:
        return (r, v, i) -> v.putFloat(i, r.getFloat());
      case DOUBLE:
        return (r, v, i) -> v.putDouble(i, r.getDouble());
      case INT32:
        return int32(a, type);
      case INT64:
        return int64(a, type);
      case INT96:
        return (r, v, i) -> v.putLong(i, int96(r.getBinary()));
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          int scale = d.getScale();
          if (type instanceof DecimalType t && t.precision() <= 18) {
            return (r, v, i) -> v.putLong(i, unscaledLong(r.getBinary()));
          }
          return (r, v, i) ->
              v.putDecimal(i, new BigDecimal(new BigInteger(r.getBinary().getBytes()), scale));
        }
        return (r, v, i) -> {
          ByteBuffer b = r.getBinary().toByteBuffer();
          if (b.hasArray()) {
            v.putBytes(i, b.array(), b.arrayOffset() + b.position(), b.remaining());
          } else {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            v.putBytes(i, bytes, 0, bytes.length);
          }
        };
      default:
        throw new IllegalArgumentException(
            "Parquet file "
                + file
                + ": column "
                + p.getName()
                + " has unsupported physical type "
                + p.getPrimitiveTypeName());
    }
  }

  private static ValueConversion int32(LogicalTypeAnnotation a, DataType type) {
    if (a instanceof DecimalLogicalTypeAnnotation) {
      return (r, v, i) -> v.putLong(i, r.getInteger());
    }
    if (a instanceof IntLogicalTypeAnnotation t) {
      if (!t.isSigned()) {
        return switch (t.getBitWidth()) {
          case 8 -> (r, v, i) -> v.putShort(i, (short) (r.getInteger() & 0xFF));
          case 16 -> (r, v, i) -> v.putInt(i, r.getInteger() & 0xFFFF);
          default -> (r, v, i) -> v.putLong(i, Integer.toUnsignedLong(r.getInteger()));
        };
      }
      return switch (t.getBitWidth()) {
        case 8 -> (r, v, i) -> v.putByte(i, (byte) r.getInteger());
        case 16 -> (r, v, i) -> v.putShort(i, (short) r.getInteger());
        default -> (r, v, i) -> v.putInt(i, r.getInteger());
      };
    }
    return (r, v, i) -> v.putInt(i, r.getInteger());
  }

  private static ValueConversion int64(LogicalTypeAnnotation a, DataType type) {
    if (a instanceof DecimalLogicalTypeAnnotation) {
      return (r, v, i) -> v.putLong(i, r.getLong());
    }
    if (a instanceof IntLogicalTypeAnnotation t && !t.isSigned()) {
      return (r, v, i) -> v.putDecimal(i, new BigDecimal(Long.toUnsignedString(r.getLong())));
    }
    if (a instanceof TimestampLogicalTypeAnnotation ts) {
      return switch (ts.getUnit()) {
        case MILLIS -> (r, v, i) -> v.putLong(i, Math.multiplyExact(r.getLong(), 1000L));
        case MICROS -> (r, v, i) -> v.putLong(i, r.getLong());
        case NANOS -> (r, v, i) -> v.putLong(i, Math.floorDiv(r.getLong(), 1000L));
      };
    }
    return (r, v, i) -> v.putLong(i, r.getLong());
  }

  /** Impala's INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
  private static long int96(Binary v) {
    ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanos = b.getLong();
    long julian = b.getInt();
    return (julian - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanos / 1000;
  }

  /** A big-endian two's-complement integer of at most 8 significant bytes. */
  private static long unscaledLong(Binary b) {
    ByteBuffer buf = b.toByteBuffer();
    int start = buf.position();
    int end = buf.limit();
    long v = end > start && buf.get(start) < 0 ? -1L : 0L;
    for (int k = start; k < end; k++) {
      v = (v << 8) | (buf.get(k) & 0xFF);
    }
    return v;
  }
}
