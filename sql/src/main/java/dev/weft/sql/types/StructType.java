package dev.weft.sql.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A record type: an ordered list of named fields. The schema of a DataFrame is one. */
public final class StructType extends DataType implements Iterable<StructField> {
  private static final long serialVersionUID = 1L;

  private final StructField[] fields;

  StructType(List<StructField> fields) {
    this.fields = fields.toArray(new StructField[0]);
  }

  /** A struct with these fields, in order. */
  public static StructType of(List<StructField> fields) {
    return new StructType(fields);
  }

  /** A struct with these fields, in order. */
  public static StructType of(StructField... fields) {
    return new StructType(Arrays.asList(fields));
  }

  /** This struct with one more field at the end. */
  public StructType add(String name, DataType type) {
    return add(name, type, true);
  }

  /** This struct with one more field at the end. */
  public StructType add(String name, DataType type, boolean nullable) {
    List<StructField> list = new ArrayList<>(Arrays.asList(fields));
    list.add(new StructField(name, type, nullable));
    return new StructType(list);
  }

  public List<StructField> fields() {
    return List.of(fields);
  }

  public int size() {
    return fields.length;
  }

  public StructField field(int i) {
    return fields[i];
  }

  public String[] fieldNames() {
    return Arrays.stream(fields).map(StructField::name).toArray(String[]::new);
  }

  /** The index of the field named {@code name} (exact case first, then ignoring case), or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) {
        return i;
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().toLowerCase(Locale.ROOT).equals(lower)) {
        return i;
      }
    }
    return -1;
  }

  /** The field named {@code name}, if any (see {@link #indexOf}). */
  public Optional<StructField> find(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(fields[i]);
  }

  @Override
  public Iterator<StructField> iterator() {
    return fields().iterator();
  }

  @Override
  public Kind kind() {
    return Kind.STRUCT;
  }

  @Override
  public String simpleString() {
    StringBuilder b = new StringBuilder("struct<");
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(fields[i].name()).append(':').append(fields[i].dataType().simpleString());
    }
    return b.append('>').toString();
  }

  @Override
  public int defaultSize() {
    int size = 0;
    for (StructField f : fields) {
      size += f.dataType().defaultSize();
    }
    return size;
  }

  @Override
  public boolean isOrderable() {
    for (StructField f : fields) {
      if (!f.dataType().isOrderable()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The schema as {@code printSchema} shows it:
   *
   * <pre>
   * root
   *  |-- id: long (nullable = false)
   *  |-- tags: array (nullable = true)
   *  |    |-- element: string (containsNull = true)
   * </pre>
   */
  public String treeString() {
    StringBuilder b = new StringBuilder("root\n");
    for (StructField f : fields) {
      appendField(b, " |", f.name(), f.dataType(), "nullable", f.nullable());
    }
    return b.toString();
  }

  private static void appendField(
      StringBuilder b, String prefix, String name, DataType type, String flag, boolean value) {
    String shown =
        switch (type.kind()) {
          case ARRAY, MAP, STRUCT -> type.kind().name().toLowerCase(Locale.ROOT);
          default -> type.simpleString();
        };
    b.append(prefix)
        .append("-- ")
        .append(name)
        .append(": ")
        .append(shown)
        .append(" (")
        .append(flag)
        .append(" = ")
        .append(value)
        .append(")\n");
    String inner = prefix + "    |";
    if (type instanceof ArrayType a) {
      appendField(b, inner, "element", a.elementType(), "containsNull", a.containsNull());
    } else if (type instanceof MapType m) {
      appendField(b, inner, "key", m.keyType(), "nullable", false);
      appendField(b, inner, "value", m.valueType(), "valueContainsNull", m.valueContainsNull());
    } else if (type instanceof StructType s) {
      for (StructField f : s.fields) {
        appendField(b, inner, f.name(), f.dataType(), "nullable", f.nullable());
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructType s && Arrays.equals(s.fields, fields);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields);
  }
}
