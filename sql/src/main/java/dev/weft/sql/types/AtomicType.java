package dev.weft.sql.types;

/** A type without parameters: boolean, the integral and floating types, string, binary, dates. */
public final class AtomicType extends DataType {
  private static final long serialVersionUID = 1L;

  private final Kind kind;
  private final String name;
  private final int size;

  AtomicType(Kind kind, String name, int size) {
    this.kind = kind;
    this.name = name;
    this.size = size;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public String simpleString() {
    return name;
  }

  @Override
  public int defaultSize() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AtomicType a && a.kind == kind;
  }

  @Override
  public int hashCode() {
    return kind.hashCode();
  }

  /** Deserialized types are the shared constants, so identity comparisons stay valid. */
  private Object readResolve() {
    return DataTypes.atomic(kind);
  }
}
