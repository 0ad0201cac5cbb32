package dev.weft.sql;

import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rows of Java records and beans, as {@code createDataFrame(list, Foo.class)} and {@code
 * df.as(Foo.class)} use them: a record's components in declaration order, a bean's readable
 * properties sorted by name (as Spark's bean encoder). Supported field types: the primitives and
 * their boxes, {@code String}, {@code BigDecimal} (decimal(38,18)), {@code LocalDate}, {@code
 * Instant}, {@code java.sql.Date}, {@code java.sql.Timestamp} and {@code byte[]}.
 */
final class JavaTypes<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final StructType schema;
  private transient List<Method> getters;

  JavaTypes(Class<T> type) {
    this.type = type;
    List<StructField> fields = new ArrayList<>();
    for (Property p : properties(type)) {
      fields.add(new StructField(p.name, sqlType(type, p.name, p.type), !p.type.isPrimitive()));
    }
    this.schema = StructType.of(fields);
  }

  StructType schema() {
    return schema;
  }

  private record Property(String name, Class<?> type, Method getter, Method setter) {}

  private static List<Property> properties(Class<?> type) {
    List<Property> out = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        out.add(new Property(c.getName(), c.getType(), c.getAccessor(), null));
      }
      return out;
    }
    try {
      for (PropertyDescriptor d :
          Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
        if (d.getReadMethod() != null) {
          out.add(
              new Property(
                  d.getName(), d.getPropertyType(), d.getReadMethod(), d.getWriteMethod()));
        }
      }
    } catch (java.beans.IntrospectionException e) {
      throw new IllegalArgumentException(
          "Cannot read the properties of " + type.getName() + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(Property::name));
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          type.getName() + " is neither a record nor a bean with getters: it has no columns");
    }
    return out;
  }

  private static DataType sqlType(Class<?> owner, String name, Class<?> c) {
    if (c == boolean.class || c == Boolean.class) {
      return DataTypes.BooleanType;
    }
    if (c == byte.class || c == Byte.class) {
      return DataTypes.ByteType;
    }
    if (c == short.class || c == Short.class) {
      return DataTypes.ShortType;
    }
    if (c == int.class || c == Integer.class) {
      return DataTypes.IntegerType;
    }
    if (c == long.class || c == Long.class) {
      return DataTypes.LongType;
    }
    if (c == float.class || c == Float.class) {
      return DataTypes.FloatType;
    }
    if (c == double.class || c == Double.class) {
      return DataTypes.DoubleType;
    }
    if (c == String.class) {
      return DataTypes.StringType;
    }
    if (c == BigDecimal.class) {
      return DataTypes.createDecimalType(38, 18);
    }
    if (c == LocalDate.class || c == java.sql.Date.class) {
      return DataTypes.DateType;
    }
    if (c == Instant.class || c == java.sql.Timestamp.class) {
      return DataTypes.TimestampType;
    }
    if (c == byte[].class) {
      return DataTypes.BinaryType;
    }
    throw new IllegalArgumentException(
        "Field "
            + name
            + " of "
            + owner.getName()
            + " has type "
            + c.getName()
            + ", which has no column type (expected a primitive, its box, String, BigDecimal,"
            + " LocalDate, Instant, java.sql.Date, java.sql.Timestamp or byte[])");
  }

  private List<Method> getters() {
    if (getters == null) {
      getters = properties(type).stream().map(Property::getter).toList();
    }
    return getters;
  }

  /** The internal row of one object. */
  InternalRow toInternal(T value) {
    List<Method> gs = getters();
    Object[] values = new Object[gs.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = InternalValues.toInternal(gs.get(i).invoke(value), schema.field(i).dataType());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "Cannot read " + schema.field(i).name() + " of " + value, e);
      }
    }
    return new InternalRow(values);
  }

  /** The object of a row whose columns include this type's fields (by name, case-insensitive). */
  T fromRow(Row row) {
    StructType rs = row.schema();
    List<Property> props = properties(type);
    Object[] args = new Object[props.size()];
    for (int i = 0; i < args.length; i++) {
      Property p = props.get(i);
      int idx = rs == null ? -1 : indexOf(rs, p.name);
      if (idx < 0) {
        throw new IllegalArgumentException(
            "Cannot make a "
                + type.getSimpleName()
                + ": no column '"
                + p.name
                + "' in "
                + (rs == null ? "the row" : rs.simpleString()));
      }
      args[i] = convert(row.get(idx), p);
    }
    try {
      if (type.isRecord()) {
        Class<?>[] types = props.stream().map(Property::type).toArray(Class<?>[]::new);
        Constructor<T> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(args);
      }
      T bean = type.getDeclaredConstructor().newInstance();
      for (int i = 0; i < args.length; i++) {
        Method setter = props.get(i).setter();
        if (setter != null) {
          setter.invoke(bean, args[i]);
        }
      }
      return bean;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "Cannot make a " + type.getName() + " from " + row + ": " + e, e);
    }
  }

  private static int indexOf(StructType s, String name) {
    for (int i = 0; i < s.size(); i++) {
      if (s.field(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private Object convert(Object v, Property p) {
    Class<?> c = p.type();
    if (v == null) {
      if (c.isPrimitive()) {
        throw new IllegalArgumentException(
            "Column '"
                + p.name
                + "' is NULL but "
                + type.getSimpleName()
                + "."
                + p.name
                + " is a primitive "
                + c.getName());
      }
      return null;
    }
    if (c == java.sql.Date.class && v instanceof LocalDate d) {
      return java.sql.Date.valueOf(d);
    }
    if (c == java.sql.Timestamp.class && v instanceof Instant t) {
      return java.sql.Timestamp.from(t);
    }
    Class<?> boxed = box(c);
    if (!boxed.isInstance(v)) {
      throw new IllegalArgumentException(
          "Column '"
              + p.name
              + "' holds "
              + v.getClass().getSimpleName()
              + " but "
              + type.getSimpleName()
              + "."
              + p.name
              + " is "
              + c.getSimpleName());
    }
    return v;
  }

  private static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
  }
}
