package dev.weft.hdfs.parquet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;

/**
 * A column named in a {@link ParquetPredicate}, from which the predicates on it are built: {@code
 * ParquetPredicate.col("age").gt(25)}.
 *
 * <p>Literals may be {@code int}, {@code long}, {@code float}, {@code double}, {@code boolean},
 * {@link String}, {@code byte[]} or {@link BinaryLiteral}; whether one fits the column is checked
 * against each file's schema when the predicate is bound to it. Booleans support {@code eq} and
 * {@code notEq} only.
 */
public final class ParquetColumn {
  private final String name;

  ParquetColumn(String name) {
    this.name = checkName(name);
  }

  /** The column's name or dotted path. */
  public String name() {
    return name;
  }

  /** {@code column = literal}. */
  public ParquetPredicate eq(Object literal) {
    return compare(ParquetPredicate.Op.EQ, literal);
  }

  /** {@code column != literal}; true where the column is null. */
  public ParquetPredicate notEq(Object literal) {
    return compare(ParquetPredicate.Op.NOT_EQ, literal);
  }

  /** {@code column < literal}. */
  public ParquetPredicate lt(Object literal) {
    return compare(ParquetPredicate.Op.LT, literal);
  }

  /** {@code column <= literal}. */
  public ParquetPredicate ltEq(Object literal) {
    return compare(ParquetPredicate.Op.LT_EQ, literal);
  }

  /** {@code column > literal}. */
  public ParquetPredicate gt(Object literal) {
    return compare(ParquetPredicate.Op.GT, literal);
  }

  /** {@code column >= literal}. */
  public ParquetPredicate gtEq(Object literal) {
    return compare(ParquetPredicate.Op.GT_EQ, literal);
  }

  /** {@code column IN (literals)}; at least one literal. */
  public ParquetPredicate in(Object... literals) {
    return new ParquetPredicate.In(name, new ArrayList<>(Arrays.asList(literals)));
  }

  /** {@code column IN (literals)}; at least one literal. */
  public ParquetPredicate in(Collection<?> literals) {
    return new ParquetPredicate.In(name, new ArrayList<>(literals));
  }

  /** {@code column IS NULL}. */
  public ParquetPredicate isNull() {
    return new ParquetPredicate.IsNull(name);
  }

  /** {@code column IS NOT NULL}. */
  public ParquetPredicate isNotNull() {
    return new ParquetPredicate.IsNotNull(name);
  }

  private ParquetPredicate compare(ParquetPredicate.Op op, Object literal) {
    return new ParquetPredicate.Comparison(name, op, literal);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Returns {@code name} if it is a usable column name or dotted path. */
  static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Column name must not be empty");
    }
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("Column path has an empty part: '" + name + "'");
      }
    }
    return name;
  }
}
