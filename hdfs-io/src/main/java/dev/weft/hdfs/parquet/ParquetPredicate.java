package dev.weft.hdfs.parquet;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.schema.MessageType;

/**
 * A filter on the columns of Parquet records, built by the engine's API and pushed down into
 * Parquet's reader, where it skips row groups by their statistics and dictionaries and filters
 * records.
 *
 * <p>A predicate knows column names and literals only, not types: it is bound to a file's schema by
 * {@link #toFilter}, which picks each column's physical type from the file, so that {@code
 * col("id").eq(7)} works against an {@code int} and a {@code long} column alike. Predicates are
 * immutable and serializable, so the driver builds them and ships them to executors.
 *
 * <pre>{@code
 * ParquetPredicate adults =
 *     ParquetPredicate.col("age").gtEq(18).and(ParquetPredicate.col("country").in("DE", "FR"));
 * ParquetPredicate noEmail = ParquetPredicate.col("contact.email").isNull();
 * }</pre>
 *
 * <p>The semantics are Parquet's: a comparison with a null value is false, except that {@code
 * notEq} is true for null (a null is not equal to any literal), and {@code not} negates exactly.
 */
public sealed interface ParquetPredicate extends Serializable
    permits ParquetPredicate.Comparison,
        ParquetPredicate.In,
        ParquetPredicate.IsNull,
        ParquetPredicate.IsNotNull,
        ParquetPredicate.And,
        ParquetPredicate.Or,
        ParquetPredicate.Not {

  /**
   * The column to compare: a top-level field name, or a dotted path into nested records such as
   * {@code address.city}.
   */
  static ParquetColumn col(String name) {
    return new ParquetColumn(name);
  }

  /** A predicate true where both {@code this} and {@code other} are. */
  default ParquetPredicate and(ParquetPredicate other) {
    return new And(this, other);
  }

  /** A predicate true where {@code this} or {@code other} is. */
  default ParquetPredicate or(ParquetPredicate other) {
    return new Or(this, other);
  }

  /** A predicate true where {@code predicate} is false. */
  static ParquetPredicate not(ParquetPredicate predicate) {
    return new Not(predicate);
  }

  /** The columns this predicate reads, as given (dotted paths for nested fields), in order. */
  Set<String> columns();

  /**
   * Binds this predicate to a file's schema, as Parquet's filter API wants it.
   *
   * @param fileSchema the Parquet schema of the file to read
   * @param file the file's path, named in error messages
   * @throws dev.weft.hdfs.CorruptFileException if a column is missing from the file, is not a
   *     primitive, or has a type that no literal compared with it can match; the message is one
   *     line naming the file, the column and the types
   */
  default FilterPredicate toFilter(MessageType fileSchema, String file) {
    return new FilterBinder(fileSchema, file).bind(this);
  }

  /** The comparison operators. */
  enum Op {
    EQ("="),
    NOT_EQ("!="),
    LT("<"),
    LT_EQ("<="),
    GT(">"),
    GT_EQ(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in {@link ParquetPredicate#toString()}, e.g. {@code >=}. */
    public String symbol() {
      return symbol;
    }

    /** Whether the operator orders values, which boolean columns do not support. */
    public boolean ordering() {
      return this != EQ && this != NOT_EQ;
    }
  }

  /**
   * {@code column op literal}.
   *
   * @param column the column's name or dotted path
   * @param op the comparison
   * @param literal an {@link Integer}, {@link Long}, {@link Float}, {@link Double}, {@link
   *     Boolean}, {@link String} or {@link BinaryLiteral}
   */
  record Comparison(String column, Op op, Object literal) implements ParquetPredicate {
    /** Checks the column and the literal's type. */
    public Comparison {
      ParquetColumn.checkName(column);
      Objects.requireNonNull(op, "op");
      literal = Literals.check(column, literal);
      if (op.ordering() && literal instanceof Boolean) {
        throw new IllegalArgumentException(
            "Column "
                + column
                + ": booleans can be compared with = and != only, not "
                + op.symbol());
      }
    }

    @Override
    public Set<String> columns() {
      return Set.of(column);
    }

    @Override
    public String toString() {
      return column + " " + op.symbol() + " " + Literals.format(literal);
    }
  }

  /**
   * {@code column IN (literals)}: true where the column equals one of the literals.
   *
   * @param column the column's name or dotted path
   * @param literals at least one literal, of the types {@link Comparison} allows
   */
  record In(String column, List<Object> literals) implements ParquetPredicate {
    /** Checks the column and the literals, and copies the literals. */
    public In {
      ParquetColumn.checkName(column);
      if (literals == null || literals.isEmpty()) {
        throw new IllegalArgumentException("Column " + column + ": IN needs at least one literal");
      }
      List<Object> checked = new ArrayList<>(literals.size());
      for (Object literal : literals) {
        checked.add(Literals.check(column, literal));
      }
      literals = Collections.unmodifiableList(checked);
    }

    @Override
    public Set<String> columns() {
      return Set.of(column);
    }

    @Override
    public String toString() {
      return column
          + " IN ("
          + literals.stream().map(Literals::format).collect(Collectors.joining(", "))
          + ")";
    }
  }

  /** {@code column IS NULL}. */
  record IsNull(String column) implements ParquetPredicate {
    /** Checks the column. */
    public IsNull {
      ParquetColumn.checkName(column);
    }

    @Override
    public Set<String> columns() {
      return Set.of(column);
    }

    @Override
    public String toString() {
      return column + " IS NULL";
    }
  }

  /** {@code column IS NOT NULL}. */
  record IsNotNull(String column) implements ParquetPredicate {
    /** Checks the column. */
    public IsNotNull {
      ParquetColumn.checkName(column);
    }

    @Override
    public Set<String> columns() {
      return Set.of(column);
    }

    @Override
    public String toString() {
      return column + " IS NOT NULL";
    }
  }

  /** {@code left AND right}. */
  record And(ParquetPredicate left, ParquetPredicate right) implements ParquetPredicate {
    /** Checks that both sides are given. */
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public Set<String> columns() {
      return union(left, right);
    }

    @Override
    public String toString() {
      return "(" + left + " AND " + right + ")";
    }
  }

  /** {@code left OR right}. */
  record Or(ParquetPredicate left, ParquetPredicate right) implements ParquetPredicate {
    /** Checks that both sides are given. */
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }

    @Override
    public Set<String> columns() {
      return union(left, right);
    }

    @Override
    public String toString() {
      return "(" + left + " OR " + right + ")";
    }
  }

  /** {@code NOT predicate}. */
  record Not(ParquetPredicate predicate) implements ParquetPredicate {
    /** Checks that the negated predicate is given. */
    public Not {
      Objects.requireNonNull(predicate, "predicate");
    }

    @Override
    public Set<String> columns() {
      return predicate.columns();
    }

    @Override
    public String toString() {
      return "NOT " + predicate;
    }
  }

  private static Set<String> union(ParquetPredicate left, ParquetPredicate right) {
    Set<String> columns = new LinkedHashSet<>(left.columns());
    columns.addAll(right.columns());
    return Collections.unmodifiableSet(columns);
  }
}
