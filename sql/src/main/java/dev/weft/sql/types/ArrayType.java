package dev.weft.sql.types;

import java.util.Objects;

/** A list of values of one type; {@code containsNull} says whether elements may be null. */
public final class ArrayType extends DataType {
  private static final long serialVersionUID = 1L;

  private final DataType elementType;
  private final boolean containsNull;

  ArrayType(DataType elementType, boolean containsNull) {
    this.elementType = Objects.requireNonNull(elementType, "elementType");
    this.containsNull = containsNull;
  }

  public DataType elementType() {
    return elementType;
  }

  public boolean containsNull() {
    return containsNull;
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY;
  }

  @Override
  public String simpleString() {
    return "array<" + elementType.simpleString() + ">";
  }

  @Override
  public int defaultSize() {
    return elementType.defaultSize();
  }

  @Override
  public boolean isOrderable() {
    return elementType.isOrderable();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayType a
        && a.containsNull == containsNull
        && a.elementType.equals(elementType);
  }

  @Override
  public int hashCode() {
    return elementType.hashCode() * 31 + (containsNull ? 1 : 0);
  }
}
