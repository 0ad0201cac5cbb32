package dev.weft.sql;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.UnaryExpression;
import dev.weft.sql.expr.ValueOrdering;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import java.util.List;

/**
 * Minimal sum, min, max and avg for the engine's tests, until the function library's aggregates
 * land: they follow Spark's result types for the inputs the tests use (sum of integers is bigint,
 * of decimal(p,s) decimal(p+10,s); avg is double).
 */
final class TestAggregates {
  private TestAggregates() {}

  static Column sum(Column c) {
    return new Column(new Sum(c.expr()));
  }

  static Column min(Column c) {
    return new Column(new Extreme(c.expr(), true));
  }

  static Column max(Column c) {
    return new Column(new Extreme(c.expr(), false));
  }

  static Column avg(Column c) {
    return new Column(new Avg(c.expr()));
  }

  record Sum(Expression child) implements AggregateFunction, UnaryExpression {
    @Override
    public Expression withChild(Expression c) {
      return new Sum(c);
    }

    @Override
    public DataType dataType() {
      DataType t = child.dataType();
      if (t.isIntegral()) {
        return DataTypes.LongType;
      }
      if (t instanceof DecimalType d) {
        return DataTypes.createDecimalType(Math.min(38, d.precision() + 10), d.scale());
      }
      return DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public List<DataType> bufferTypes() {
      return List.of(dataType());
    }

    @Override
    public void initialize(Object[] b, int o) {
      b[o] = null;
    }

    private Object add(Object acc, Object v) {
      if (v == null) {
        return acc;
      }
      if (acc == null) {
        return convert(v);
      }
      return switch (dataType().kind()) {
        case LONG -> (Long) acc + ((Number) v).longValue();
        case DECIMAL -> ((BigDecimal) acc).add((BigDecimal) v);
        default -> (Double) acc + ((Number) v).doubleValue();
      };
    }

    private Object convert(Object v) {
      return switch (dataType().kind()) {
        case LONG -> ((Number) v).longValue();
        case DECIMAL -> v;
        default -> ((Number) v).doubleValue();
      };
    }

    @Override
    public void update(Object[] b, int o, InternalRow input) {
      b[o] = add(b[o], child.eval(input));
    }

    @Override
    public void merge(Object[] b, int o, Object[] p, int po) {
      b[o] = add(b[o], p[po]);
    }

    @Override
    public Object evaluate(Object[] b, int o) {
      return b[o];
    }

    @Override
    public Object eval(InternalRow input) {
      return AggregateFunction.super.eval(input);
    }

    @Override
    public boolean foldable() {
      return false;
    }
  }

  record Extreme(Expression child, boolean min) implements AggregateFunction, UnaryExpression {
    @Override
    public Expression withChild(Expression c) {
      return new Extreme(c, min);
    }

    @Override
    public String prettyName() {
      return min ? "min" : "max";
    }

    @Override
    public DataType dataType() {
      return child.dataType();
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public List<DataType> bufferTypes() {
      return List.of(dataType());
    }

    @Override
    public void initialize(Object[] b, int o) {
      b[o] = null;
    }

    private Object pick(Object acc, Object v) {
      if (v == null) {
        return acc;
      }
      if (acc == null) {
        return v;
      }
      int c = ValueOrdering.compare(dataType(), v, acc);
      return (min ? c < 0 : c > 0) ? v : acc;
    }

    @Override
    public void update(Object[] b, int o, InternalRow input) {
      b[o] = pick(b[o], child.eval(input));
    }

    @Override
    public void merge(Object[] b, int o, Object[] p, int po) {
      b[o] = pick(b[o], p[po]);
    }

    @Override
    public Object evaluate(Object[] b, int o) {
      return b[o];
    }

    @Override
    public Object eval(InternalRow input) {
      return AggregateFunction.super.eval(input);
    }

    @Override
    public boolean foldable() {
      return false;
    }
  }

  record Avg(Expression child) implements AggregateFunction, UnaryExpression {
    @Override
    public Expression withChild(Expression c) {
      return new Avg(c);
    }

    @Override
    public DataType dataType() {
      return DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public List<DataType> bufferTypes() {
      return List.of(DataTypes.DoubleType, DataTypes.LongType);
    }

    @Override
    public void initialize(Object[] b, int o) {
      b[o] = 0.0;
      b[o + 1] = 0L;
    }

    @Override
    public void update(Object[] b, int o, InternalRow input) {
      Object v = child.eval(input);
      if (v != null) {
        b[o] = (Double) b[o] + ((Number) v).doubleValue();
        b[o + 1] = (Long) b[o + 1] + 1;
      }
    }

    @Override
    public void merge(Object[] b, int o, Object[] p, int po) {
      b[o] = (Double) b[o] + (Double) p[po];
      b[o + 1] = (Long) b[o + 1] + (Long) p[po + 1];
    }

    @Override
    public Object evaluate(Object[] b, int o) {
      long n = (Long) b[o + 1];
      return n == 0 ? null : (Double) b[o] / n;
    }

    @Override
    public Object eval(InternalRow input) {
      return AggregateFunction.super.eval(input);
    }

    @Override
    public boolean foldable() {
      return false;
    }
  }
}
