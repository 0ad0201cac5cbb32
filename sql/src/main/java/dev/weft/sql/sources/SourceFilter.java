package dev.weft.sql.sources;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A filter a {@link FileSource} can use to skip data, over column names and literal values. Values
 * are user values as a {@link dev.weft.sql.Row} holds them ({@code Integer}, {@code String}, {@code
 * BigDecimal}, {@code LocalDate}, {@code Instant}, ...). Comparisons with NULL never hold, as in
 * SQL.
 */
public sealed interface SourceFilter extends Serializable {

  /** The column names this filter reads. */
  List<String> references();

  /**
   * This filter for one set of column values, in three-valued logic: TRUE, FALSE or null (unknown).
   * A source prunes a partition when the result for its partition values is not TRUE.
   */
  Boolean evaluate(Map<String, Object> values);

  /** A filter on one column, {@code attribute}. */
  sealed interface OnColumn extends SourceFilter {
    /** The column this filter reads. */
    String attribute();

    @Override
    default List<String> references() {
      return List.of(attribute());
    }
  }

  record EqualTo(String attribute, Object value) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Integer c = SourceFilters.compare(values.get(attribute), value);
      return c == null ? null : c == 0;
    }

    @Override
    public String toString() {
      return "EqualTo(" + attribute + "," + value + ")";
    }
  }

  record GreaterThan(String attribute, Object value) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Integer c = SourceFilters.compare(values.get(attribute), value);
      return c == null ? null : c > 0;
    }

    @Override
    public String toString() {
      return "GreaterThan(" + attribute + "," + value + ")";
    }
  }

  record GreaterThanOrEqual(String attribute, Object value) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Integer c = SourceFilters.compare(values.get(attribute), value);
      return c == null ? null : c >= 0;
    }

    @Override
    public String toString() {
      return "GreaterThanOrEqual(" + attribute + "," + value + ")";
    }
  }

  record LessThan(String attribute, Object value) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Integer c = SourceFilters.compare(values.get(attribute), value);
      return c == null ? null : c < 0;
    }

    @Override
    public String toString() {
      return "LessThan(" + attribute + "," + value + ")";
    }
  }

  record LessThanOrEqual(String attribute, Object value) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Integer c = SourceFilters.compare(values.get(attribute), value);
      return c == null ? null : c <= 0;
    }

    @Override
    public String toString() {
      return "LessThanOrEqual(" + attribute + "," + value + ")";
    }
  }

  /**
   * {@code attribute <=> value}: NULL-safe equality, never unknown; equal when both are NULL. (A
   * comparison with a NULL literal is pushed as {@link IsNull}.)
   */
  record EqualNullSafe(String attribute, Object value) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Object v = values.get(attribute);
      if (v == null || value == null) {
        return v == null && value == null;
      }
      return SourceFilters.compare(v, value) == 0;
    }

    @Override
    public String toString() {
      return "EqualNullSafe(" + attribute + "," + value + ")";
    }
  }

  /** {@code attribute} is a string starting with {@code value} ({@code LIKE 'abc%'}). */
  record StringStartsWith(String attribute, String value) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Object v = values.get(attribute);
      return v == null ? null : v.toString().startsWith(value);
    }

    @Override
    public String toString() {
      return "StringStartsWith(" + attribute + "," + value + ")";
    }
  }

  /** {@code attribute IN (values)}; the values hold no NULL. */
  record In(String attribute, List<Object> values) implements OnColumn {
    public In {
      values = List.copyOf(values);
    }

    @Override
    public Boolean evaluate(Map<String, Object> row) {
      Object v = row.get(attribute);
      if (v == null) {
        return null;
      }
      for (Object x : values) {
        Integer c = SourceFilters.compare(v, x);
        if (c != null && c == 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "In(" + attribute + "," + values + ")";
    }
  }

  record IsNull(String attribute) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      return values.get(attribute) == null;
    }

    @Override
    public String toString() {
      return "IsNull(" + attribute + ")";
    }
  }

  record IsNotNull(String attribute) implements OnColumn {
    @Override
    public Boolean evaluate(Map<String, Object> values) {
      return values.get(attribute) != null;
    }

    @Override
    public String toString() {
      return "IsNotNull(" + attribute + ")";
    }
  }

  record And(SourceFilter left, SourceFilter right) implements SourceFilter {
    @Override
    public List<String> references() {
      return SourceFilters.concat(left.references(), right.references());
    }

    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Boolean l = left.evaluate(values);
      Boolean r = right.evaluate(values);
      if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
        return false;
      }
      return l == null || r == null ? null : true;
    }

    @Override
    public String toString() {
      return "And(" + left + "," + right + ")";
    }
  }

  record Or(SourceFilter left, SourceFilter right) implements SourceFilter {
    @Override
    public List<String> references() {
      return SourceFilters.concat(left.references(), right.references());
    }

    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Boolean l = left.evaluate(values);
      Boolean r = right.evaluate(values);
      if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
        return true;
      }
      return l == null || r == null ? null : false;
    }

    @Override
    public String toString() {
      return "Or(" + left + "," + right + ")";
    }
  }

  record Not(SourceFilter child) implements SourceFilter {
    @Override
    public List<String> references() {
      return child.references();
    }

    @Override
    public Boolean evaluate(Map<String, Object> values) {
      Boolean v = child.evaluate(values);
      return v == null ? null : !v;
    }

    @Override
    public String toString() {
      return "Not(" + child + ")";
    }
  }
}
