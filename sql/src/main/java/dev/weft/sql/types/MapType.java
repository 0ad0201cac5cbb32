package dev.weft.sql.types;

import java.util.Objects;

/** A map from keys of one type (never null) to values of another. */
public final class MapType extends DataType {
  private static final long serialVersionUID = 1L;

  private final DataType keyType;
  private final DataType valueType;
  private final boolean valueContainsNull;

  MapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.valueContainsNull = valueContainsNull;
  }

  public DataType keyType() {
    return keyType;
  }

  public DataType valueType() {
    return valueType;
  }

  public boolean valueContainsNull() {
    return valueContainsNull;
  }

  @Override
  public Kind kind() {
    return Kind.MAP;
  }

  @Override
  public String simpleString() {
    return "map<" + keyType.simpleString() + "," + valueType.simpleString() + ">";
  }

  @Override
  public int defaultSize() {
    return keyType.defaultSize() + valueType.defaultSize();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapType m
        && m.valueContainsNull == valueContainsNull
        && m.keyType.equals(keyType)
        && m.valueType.equals(valueType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyType, valueType, valueContainsNull);
  }
}
