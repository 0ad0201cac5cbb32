package dev.weft.hdfs.parquet;

/** Checks and formats the literals of {@link ParquetPredicate}s. */
final class Literals {
  private Literals() {}

  /**
   * The literal in its canonical form: {@link Short} and {@link Byte} widened to {@link Integer},
   * {@code byte[]} wrapped in a {@link BinaryLiteral}.
   *
   * @throws IllegalArgumentException if the literal is null or of an unsupported type
   */
  static Object check(String column, Object literal) {
    if (literal == null) {
      throw new IllegalArgumentException(
          "Column " + column + ": a literal must not be null; use isNull() or isNotNull()");
    }
    if (literal instanceof Short || literal instanceof Byte) {
      return ((Number) literal).intValue();
    }
    if (literal instanceof byte[] bytes) {
      return new BinaryLiteral(bytes);
    }
    if (literal instanceof Integer
        || literal instanceof Long
        || literal instanceof Float
        || literal instanceof Double
        || literal instanceof Boolean
        || literal instanceof String
        || literal instanceof BinaryLiteral) {
      return literal;
    }
    throw new IllegalArgumentException(
        "Column "
            + column
            + ": unsupported literal type "
            + literal.getClass().getName()
            + " (supported: int, long, float, double, boolean, String, byte[])");
  }

  /** The literal as written in a predicate's string form: strings quoted, longs with an L. */
  static String format(Object literal) {
    if (literal instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (literal instanceof Long l) {
      return l + "L";
    }
    if (literal instanceof Float f) {
      return f + "f";
    }
    return String.valueOf(literal);
  }

  /** The Java type name of a literal, for error messages. */
  static String typeName(Object literal) {
    if (literal instanceof Integer) {
      return "int";
    }
    if (literal instanceof Long) {
      return "long";
    }
    if (literal instanceof Float) {
      return "float";
    }
    if (literal instanceof Double) {
      return "double";
    }
    if (literal instanceof Boolean) {
      return "boolean";
    }
    if (literal instanceof String) {
      return "string";
    }
    return "binary";
  }
}
