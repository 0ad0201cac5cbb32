package dev.weft.sql.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads type names as Spark writes them: {@code int}, {@code bigint}, {@code decimal(12,2)}, {@code
 * array<string>}, {@code map<string,int>}, {@code struct<a:int,b:string>}; case and spaces do not
 * matter. See {@link DataType#fromDDL}.
 */
final class DdlParser {
  private final String text;
  private int pos;

  private DdlParser(String text) {
    this.text = text;
  }

  static DataType parse(String text) {
    DdlParser p = new DdlParser(text);
    DataType t = p.type();
    p.skipSpaces();
    if (p.pos != text.length()) {
      throw p.error("unexpected '" + text.substring(p.pos) + "'");
    }
    return t;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "Cannot parse the type '" + text + "' at position " + pos + ": " + what);
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(char c) {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private String word() {
    skipSpaces();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a type name");
    }
    return text.substring(start, pos);
  }

  private int number() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a number");
    }
    return Integer.parseInt(text.substring(start, pos));
  }

  private DataType type() {
    String name = word().toLowerCase(Locale.ROOT);
    switch (name) {
      case "boolean":
        return DataTypes.BooleanType;
      case "tinyint":
      case "byte":
        return DataTypes.ByteType;
      case "smallint":
      case "short":
        return DataTypes.ShortType;
      case "int":
      case "integer":
        return DataTypes.IntegerType;
      case "bigint":
      case "long":
        return DataTypes.LongType;
      case "float":
      case "real":
        return DataTypes.FloatType;
      case "double":
        return DataTypes.DoubleType;
      case "string":
        return DataTypes.StringType;
      case "varchar":
      case "char":
        expect('(');
        number();
        expect(')');
        return DataTypes.StringType;
      case "binary":
        return DataTypes.BinaryType;
      case "date":
        return DataTypes.DateType;
      case "timestamp":
        return DataTypes.TimestampType;
      case "void":
        return DataTypes.NullType;
      case "decimal":
      case "dec":
      case "numeric":
        return decimal();
      case "array":
        {
          expect('<');
          DataType e = type();
          expect('>');
          return DataTypes.createArrayType(e);
        }
      case "map":
        {
          expect('<');
          DataType k = type();
          expect(',');
          DataType v = type();
          expect('>');
          return DataTypes.createMapType(k, v);
        }
      case "struct":
        return struct();
      default:
        throw error("unknown type '" + name + "'");
    }
  }

  private DataType decimal() {
    if (!accept('(')) {
      return DataTypes.DecimalType;
    }
    int precision = number();
    int scale = accept(',') ? number() : 0;
    expect(')');
    try {
      return DataTypes.createDecimalType(precision, scale);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  private DataType struct() {
    expect('<');
    List<StructField> fields = new ArrayList<>();
    if (!accept('>')) {
      do {
        String name = fieldName();
        accept(':');
        fields.add(new StructField(name, type(), true));
      } while (accept(','));
      expect('>');
    }
    return DataTypes.createStructType(fields);
  }

  private String fieldName() {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == '`') {
      StringBuilder b = new StringBuilder();
      pos++;
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '`') {
          if (pos < text.length() && text.charAt(pos) == '`') {
            b.append('`');
            pos++;
          } else {
            return b.toString();
          }
        } else {
          b.append(c);
        }
      }
      throw error("unclosed backquote");
    }
    return word();
  }
}
