package dev.weft.hdfs.parquet;

import dev.weft.hdfs.CorruptFileException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Binds a {@link ParquetPredicate} to one file's schema: picks each column's Parquet type from the
 * file and converts the literals to it, so that an {@code int} literal filters a {@code long}
 * column. A conversion is accepted only when it is exact; anything else is an error naming the
 * file, the column and both types.
 */
final class FilterBinder {
  private final MessageType schema;
  private final String file;

  FilterBinder(MessageType schema, String file) {
    this.schema = schema;
    this.file = file;
  }

  FilterPredicate bind(ParquetPredicate predicate) {
    if (predicate instanceof ParquetPredicate.Comparison c) {
      return compare(c);
    }
    if (predicate instanceof ParquetPredicate.In in) {
      return in(in);
    }
    if (predicate instanceof ParquetPredicate.IsNull n) {
      return nullTest(n.column(), true);
    }
    if (predicate instanceof ParquetPredicate.IsNotNull n) {
      return nullTest(n.column(), false);
    }
    if (predicate instanceof ParquetPredicate.And and) {
      return FilterApi.and(bind(and.left()), bind(and.right()));
    }
    if (predicate instanceof ParquetPredicate.Or or) {
      return FilterApi.or(bind(or.left()), bind(or.right()));
    }
    return FilterApi.not(bind(((ParquetPredicate.Not) predicate).predicate()));
  }

  private FilterPredicate compare(ParquetPredicate.Comparison c) {
    PrimitiveType type = resolve(c.column());
    String path = c.column();
    Object literal = c.literal();
    switch (kind(type, path)) {
      case INT:
        return ordered(FilterApi.intColumn(path), c.op(), toInt(type, path, literal));
      case LONG:
        return ordered(FilterApi.longColumn(path), c.op(), toLong(type, path, literal));
      case FLOAT:
        return ordered(FilterApi.floatColumn(path), c.op(), toFloat(type, path, literal));
      case DOUBLE:
        return ordered(FilterApi.doubleColumn(path), c.op(), toDouble(type, path, literal));
      case BINARY:
        return ordered(FilterApi.binaryColumn(path), c.op(), toBinary(type, path, literal));
      default:
        Boolean value = toBoolean(type, path, literal);
        Operators.BooleanColumn column = FilterApi.booleanColumn(path);
        if (c.op() == ParquetPredicate.Op.EQ) {
          return FilterApi.eq(column, value);
        }
        if (c.op() == ParquetPredicate.Op.NOT_EQ) {
          return FilterApi.notEq(column, value);
        }
        throw mismatch(path, type, "booleans support = and != only, not " + c.op().symbol());
    }
  }

  private FilterPredicate in(ParquetPredicate.In in) {
    PrimitiveType type = resolve(in.column());
    String path = in.column();
    switch (kind(type, path)) {
      case INT:
        return FilterApi.in(FilterApi.intColumn(path), values(in, l -> toInt(type, path, l)));
      case LONG:
        return FilterApi.in(FilterApi.longColumn(path), values(in, l -> toLong(type, path, l)));
      case FLOAT:
        return FilterApi.in(FilterApi.floatColumn(path), values(in, l -> toFloat(type, path, l)));
      case DOUBLE:
        return FilterApi.in(FilterApi.doubleColumn(path), values(in, l -> toDouble(type, path, l)));
      case BINARY:
        return FilterApi.in(FilterApi.binaryColumn(path), values(in, l -> toBinary(type, path, l)));
      default:
        return FilterApi.in(
            FilterApi.booleanColumn(path), values(in, l -> toBoolean(type, path, l)));
    }
  }

  private FilterPredicate nullTest(String path, boolean isNull) {
    PrimitiveType type = resolve(path);
    switch (kind(type, path)) {
      case INT:
        return nullTest(FilterApi.intColumn(path), isNull);
      case LONG:
        return nullTest(FilterApi.longColumn(path), isNull);
      case FLOAT:
        return nullTest(FilterApi.floatColumn(path), isNull);
      case DOUBLE:
        return nullTest(FilterApi.doubleColumn(path), isNull);
      case BINARY:
        return nullTest(FilterApi.binaryColumn(path), isNull);
      default:
        return nullTest(FilterApi.booleanColumn(path), isNull);
    }
  }

  private static <
          T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsEqNotEq>
      FilterPredicate nullTest(C column, boolean isNull) {
    return isNull ? FilterApi.eq(column, null) : FilterApi.notEq(column, null);
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt>
      FilterPredicate ordered(C column, ParquetPredicate.Op op, T value) {
    switch (op) {
      case EQ:
        return FilterApi.eq(column, value);
      case NOT_EQ:
        return FilterApi.notEq(column, value);
      case LT:
        return FilterApi.lt(column, value);
      case LT_EQ:
        return FilterApi.ltEq(column, value);
      case GT:
        return FilterApi.gt(column, value);
      default:
        return FilterApi.gtEq(column, value);
    }
  }

  private static <T> Set<T> values(ParquetPredicate.In in, Function<Object, T> convert) {
    Set<T> values = new HashSet<>();
    for (Object literal : in.literals()) {
      values.add(convert.apply(literal));
    }
    return values;
  }

  /** The primitive column at {@code path}, which must exist and not be repeated. */
  private PrimitiveType resolve(String path) {
    String[] parts = path.split("\\.");
    GroupType group = schema;
    Type type = null;
    for (int i = 0; i < parts.length; i++) {
      if (!group.containsField(parts[i])) {
        throw new CorruptFileException(
            "Parquet file "
                + file
                + " has no column "
                + path
                + " to filter on; its columns are "
                + ParquetSchemas.columnPaths(schema),
            file,
            false,
            null);
      }
      type = group.getType(parts[i]);
      if (type.isRepetition(Type.Repetition.REPEATED)) {
        throw mismatch(path, type, "repeated columns cannot be filtered on");
      }
      if (i < parts.length - 1) {
        if (type.isPrimitive()) {
          throw mismatch(path, type, "it is not a record, so it has no field " + parts[i + 1]);
        }
        group = type.asGroupType();
      }
    }
    if (!type.isPrimitive()) {
      throw mismatch(path, type, "it is a group; filter on one of its primitive fields");
    }
    return type.asPrimitiveType();
  }

  private enum Kind {
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    BINARY
  }

  private Kind kind(PrimitiveType type, String path) {
    switch (type.getPrimitiveTypeName()) {
      case INT32:
        return Kind.INT;
      case INT64:
        return Kind.LONG;
      case FLOAT:
        return Kind.FLOAT;
      case DOUBLE:
        return Kind.DOUBLE;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (type.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
          throw mismatch(path, type, "decimal columns cannot be filtered on");
        }
        return Kind.BINARY;
      default:
        throw mismatch(path, type, "this type cannot be filtered on");
    }
  }

  private Integer toInt(PrimitiveType type, String path, Object literal) {
    if (literal instanceof Integer i) {
      return i;
    }
    if (literal instanceof Long l && l == l.intValue()) {
      return l.intValue();
    }
    throw literalMismatch(path, type, literal);
  }

  private Long toLong(PrimitiveType type, String path, Object literal) {
    if (literal instanceof Integer || literal instanceof Long) {
      return ((Number) literal).longValue();
    }
    throw literalMismatch(path, type, literal);
  }

  private Float toFloat(PrimitiveType type, String path, Object literal) {
    if (literal instanceof Float f) {
      return f;
    }
    if (literal instanceof Number n && isFinite(n.floatValue()) && exact(n.floatValue(), n)) {
      return n.floatValue();
    }
    throw literalMismatch(path, type, literal);
  }

  private Double toDouble(PrimitiveType type, String path, Object literal) {
    if (literal instanceof Double || literal instanceof Float || literal instanceof Integer) {
      return ((Number) literal).doubleValue();
    }
    if (literal instanceof Long l && exact(l.doubleValue(), l)) {
      return l.doubleValue();
    }
    throw literalMismatch(path, type, literal);
  }

  /** Whether {@code converted} is exactly the value of {@code original}. */
  private static boolean exact(double converted, Number original) {
    BigDecimal value =
        original instanceof Double d ? new BigDecimal(d) : BigDecimal.valueOf(original.longValue());
    return new BigDecimal(converted).compareTo(value) == 0;
  }

  private Boolean toBoolean(PrimitiveType type, String path, Object literal) {
    if (literal instanceof Boolean b) {
      return b;
    }
    throw literalMismatch(path, type, literal);
  }

  private Binary toBinary(PrimitiveType type, String path, Object literal) {
    if (literal instanceof String s) {
      return Binary.fromString(s);
    }
    if (literal instanceof BinaryLiteral b) {
      return Binary.fromConstantByteArray(b.bytes());
    }
    throw literalMismatch(path, type, literal);
  }

  private static boolean isFinite(float f) {
    return !Float.isInfinite(f) && !Float.isNaN(f);
  }

  private CorruptFileException literalMismatch(String path, Type type, Object literal) {
    return mismatch(
        path,
        type,
        "the "
            + Literals.typeName(literal)
            + " literal "
            + Literals.format(literal)
            + " cannot be compared with it");
  }

  private CorruptFileException mismatch(String path, Type type, String problem) {
    return new CorruptFileException(
        "Cannot filter Parquet file "
            + file
            + " on column "
            + path
            + " of type "
            + ParquetSchemas.describe(type)
            + ": "
            + problem,
        file,
        false,
        null);
  }
}
