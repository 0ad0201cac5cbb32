package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an argument of a function accepts: one type, a family (any number, any integral type, any
 * decimal, any array) or a choice of these. The analyzer's type coercion casts an argument that is
 * not accepted to {@link #defaultConcreteType()} or to the first choice it can be cast to, as
 * Spark's {@code ImplicitCastInputTypes} does.
 */
public sealed interface InputType {

  /** Whether values of {@code t} are accepted without a cast. */
  boolean accepts(DataType t);

  /** The type an argument is cast to when it is not accepted (for a family: its usual type). */
  DataType defaultConcreteType();

  /** As error messages name it. */
  String simpleString();

  /** Exactly {@code type}. */
  static InputType of(DataType type) {
    return new Exact(type);
  }

  /** The first of {@code choices} that accepts a type. */
  static InputType oneOf(InputType... choices) {
    return new OneOf(List.of(choices));
  }

  InputType STRING = of(DataTypes.StringType);
  InputType BOOLEAN = of(DataTypes.BooleanType);
  InputType INT = of(DataTypes.IntegerType);
  InputType LONG = of(DataTypes.LongType);
  InputType DOUBLE = of(DataTypes.DoubleType);
  InputType DATE = of(DataTypes.DateType);
  InputType TIMESTAMP = of(DataTypes.TimestampType);
  InputType BINARY = of(DataTypes.BinaryType);

  /** One type. */
  record Exact(DataType type) implements InputType {
    @Override
    public boolean accepts(DataType t) {
      return t.equals(type);
    }

    @Override
    public DataType defaultConcreteType() {
      return type;
    }

    @Override
    public String simpleString() {
      return type.simpleString();
    }
  }

  /** A family of types. */
  enum Family implements InputType {
    /** Any number; strings become double. */
    NUMERIC("numeric", DataTypes.DoubleType),
    /** Any whole number. */
    INTEGRAL("integral", DataTypes.LongType),
    /** Any decimal; other numbers become the decimal of their digits. */
    DECIMAL("decimal", DataTypes.createDecimalType(38, 18)),
    /** Any array. */
    ARRAY("array", DataTypes.createArrayType(DataTypes.NullType)),
    /** Any type that has an order. */
    ORDERABLE("an orderable type", DataTypes.NullType),
    /** Any type. */
    ANY("any type", DataTypes.NullType);

    private final String name;
    private final DataType concrete;

    Family(String name, DataType concrete) {
      this.name = name;
      this.concrete = concrete;
    }

    @Override
    public boolean accepts(DataType t) {
      return switch (this) {
        case NUMERIC -> t.isNumeric();
        case INTEGRAL -> t.isIntegral();
        case DECIMAL -> t.kind() == DataType.Kind.DECIMAL;
        case ARRAY -> t.kind() == DataType.Kind.ARRAY;
        case ORDERABLE -> t.isOrderable();
        case ANY -> true;
      };
    }

    @Override
    public DataType defaultConcreteType() {
      return concrete;
    }

    @Override
    public String simpleString() {
      return name;
    }
  }

  /** A choice of input types, tried in order. */
  record OneOf(List<InputType> choices) implements InputType {
    public OneOf {
      choices = List.copyOf(choices);
    }

    @Override
    public boolean accepts(DataType t) {
      return choices.stream().anyMatch(c -> c.accepts(t));
    }

    @Override
    public DataType defaultConcreteType() {
      return choices.get(0).defaultConcreteType();
    }

    @Override
    public String simpleString() {
      return choices.stream().map(InputType::simpleString).collect(Collectors.joining(" or "));
    }
  }
}
