package dev.weft.sql.vector;

import dev.weft.sql.expr.And;
import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.Cast;
import dev.weft.sql.expr.Comparison;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.GreaterThan;
import dev.weft.sql.expr.GreaterThanOrEqual;
import dev.weft.sql.expr.IsNotNull;
import dev.weft.sql.expr.IsNull;
import dev.weft.sql.expr.LessThan;
import dev.weft.sql.expr.LessThanOrEqual;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.Or;
import dev.weft.sql.expr.arith.Add;
import dev.weft.sql.expr.arith.BinaryArithmetic;
import dev.weft.sql.expr.arith.Multiply;
import dev.weft.sql.expr.arith.Subtract;
import dev.weft.sql.types.DataType;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;

/**
 * Generates Java source that evaluates a bound expression over the selected rows of a column batch,
 * reading the vectors with their primitive getters, and compiles it with Janino (once per source
 * text and JVM). Covers column references, literals, {@code AND}/{@code OR}/{@code NOT} in
 * three-valued logic, {@code IS [NOT] NULL}, the comparisons, {@code + - *} on integral and
 * floating-point numbers (wrapping on overflow as the interpreted operators do) and casts from
 * integral types to numbers; over boolean, integral, floating-point, date, timestamp, decimal (up
 * to 18 digits as unscaled longs, as vectors hold them) and string values. Anything else is
 * reported as unsupported and evaluated row by row instead.
 */
final class BatchCodegen {
  private BatchCodegen() {}

  private static final String VECTOR = ColumnVector.class.getName();
  private static final String ORDERING = "dev.weft.sql.expr.ValueOrdering";

  /** Compiled kernels by source text; the least recently used go past this many. */
  private static final int CACHE_SIZE = 512;

  private static final Map<String, Constructor<?>> COMPILED =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Constructor<?>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /** Generated source and the values it refers to. */
  record Source(String body, Object[] refs) implements Serializable {}

  /** The source of a predicate kernel ({@link BatchKernel#select}), or null if unsupported. */
  static Source predicate(Expression e) {
    if (e.dataType().kind() != DataType.Kind.BOOLEAN) {
      return null;
    }
    return generate(e, true);
  }

  /** The source of a value kernel ({@link BatchKernel#evaluate}), or null if unsupported. */
  static Source value(Expression e) {
    return generate(e, false);
  }

  /** A kernel of generated source, compiled on first use in this JVM. */
  static BatchKernel instantiate(Source s) {
    Constructor<?> c;
    synchronized (COMPILED) {
      c = COMPILED.get(s.body());
    }
    if (c == null) {
      // Compiled outside the lock; two tasks may both compile a new source, and one result is kept.
      c = compile(s.body());
      synchronized (COMPILED) {
        COMPILED.putIfAbsent(s.body(), c);
      }
    }
    try {
      return (BatchKernel) c.newInstance((Object) s.refs());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot instantiate generated code", e);
    }
  }

  private static Constructor<?> compile(String body) {
    ClassBodyEvaluator cbe = new ClassBodyEvaluator();
    cbe.setClassName("dev.weft.sql.vector.GeneratedKernel");
    cbe.setExtendedClass(BatchKernel.class);
    cbe.setParentClassLoader(BatchKernel.class.getClassLoader());
    try {
      cbe.cook(body);
      return cbe.getClazz().getConstructor(Object[].class);
    } catch (CompileException | NoSuchMethodException e) {
      throw new IllegalStateException(
          "Internal error: generated code does not compile: " + e.getMessage() + "\n" + body, e);
    }
  }

  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static Source generate(Expression e, boolean predicate) {
    Generator g = new Generator();
    Ev ev;
    String put;
    try {
      ev = g.gen(e);
      put = predicate ? null : putMethod(e.dataType());
    } catch (Unsupported u) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    b.append("public GeneratedKernel(Object[] refs) { super(refs); }\n");
    if (predicate) {
      b.append("public int select(dev.weft.sql.vector.ColumnBatch b, int[] out) {\n");
    } else {
      b.append(
          "public void evaluate(dev.weft.sql.vector.ColumnBatch b,"
              + " dev.weft.sql.vector.HeapColumnVector out) {\n");
    }
    for (int c : g.columns) {
      b.append(VECTOR).append(" c").append(c).append(" = b.column(").append(c).append(");\n");
    }
    b.append("int n = b.numSelected();\nint[] sel = b.selected();\nint k = 0;\n");
    b.append("for (int i = 0; i < n; i++) {\nint r = sel == null ? i : sel[i];\n");
    b.append(g.code);
    if (predicate) {
      b.append("if (!").append(ev.isNull).append(" && ").append(ev.value).append(") {\n");
      b.append("out[k++] = r;\n}\n}\nreturn k;\n}\n");
    } else {
      b.append("if (").append(ev.isNull).append(") { out.putNull(r); } else { out.");
      b.append(put).append("(r, ").append(ev.value).append("); }\n}\n}\n");
    }
    return new Source(b.toString(), g.refs.toArray());
  }

  /**
   * How values of a type live in generated code: their Java type, its zero, and the suffix of the
   * column vector's accessors ({@code get<Suffix>}/{@code put<Suffix>}).
   */
  private record Slot(String javaType, String zero, String accessor) {}

  private static Slot slot(DataType t) throws Unsupported {
    return switch (t.kind()) {
      case BOOLEAN -> new Slot("boolean", "false", "Boolean");
      case BYTE -> new Slot("byte", "(byte) 0", "Byte");
      case SHORT -> new Slot("short", "(short) 0", "Short");
      case INT, DATE -> new Slot("int", "0", "Int");
      case LONG, TIMESTAMP -> new Slot("long", "0L", "Long");
      case FLOAT -> new Slot("float", "0.0f", "Float");
      case DOUBLE -> new Slot("double", "0.0", "Double");
      case STRING -> new Slot("String", "null", "String");
      case DECIMAL ->
          ColumnVector.isLongDecimal(t)
              ? new Slot("long", "0L", "Long")
              : new Slot("java.math.BigDecimal", "null", "Decimal");
      default -> throw new Unsupported();
    };
  }

  private static String putMethod(DataType t) throws Unsupported {
    return "put" + slot(t).accessor();
  }

  /** The Java type of values of a type in generated code. */
  private static String javaType(DataType t) throws Unsupported {
    return slot(t).javaType();
  }

  private static String defaultValue(DataType t) throws Unsupported {
    return slot(t).zero();
  }

  private static String getter(DataType t) throws Unsupported {
    return "get" + slot(t).accessor();
  }

  /** A generated value: the names of its null flag and value variables. */
  private record Ev(String isNull, String value) {}

  private static final class Generator {
    final StringBuilder code = new StringBuilder();
    final TreeSet<Integer> columns = new TreeSet<>();
    final List<Object> refs = new ArrayList<>();
    private int next;

    private String fresh(String prefix) {
      return prefix + (next++);
    }

    private void line(String s) {
      code.append(s).append('\n');
    }

    Ev gen(Expression e) throws Unsupported {
      if (e instanceof BoundReference b) {
        return column(b);
      }
      if (e instanceof Literal l) {
        return literal(l);
      }
      if (e instanceof And a) {
        return logical(a.left(), a.right(), false);
      }
      if (e instanceof Or o) {
        return logical(o.left(), o.right(), true);
      }
      if (e instanceof Not n) {
        Ev c = gen(n.child());
        String isNull = fresh("n");
        String v = fresh("v");
        line("boolean " + isNull + " = " + c.isNull + ";");
        line("boolean " + v + " = !" + c.isNull + " && !" + c.value + ";");
        return new Ev(isNull, v);
      }
      if (e instanceof IsNull n) {
        Ev c = gen(n.child());
        String v = fresh("v");
        line("boolean " + v + " = " + c.isNull + ";");
        return new Ev("false", v);
      }
      if (e instanceof IsNotNull n) {
        Ev c = gen(n.child());
        String v = fresh("v");
        line("boolean " + v + " = !" + c.isNull + ";");
        return new Ev("false", v);
      }
      if (e instanceof Comparison c && comparisonOperator(c) != null) {
        return comparison(c);
      }
      if (e instanceof BinaryArithmetic a
          && (a instanceof Add || a instanceof Subtract || a instanceof Multiply)) {
        return arithmetic(a);
      }
      if (e instanceof Cast c) {
        return cast(c);
      }
      throw new Unsupported();
    }

    private Ev column(BoundReference b) throws Unsupported {
      DataType t = b.dataType();
      String jt = javaType(t);
      columns.add(b.ordinal());
      String c = "c" + b.ordinal();
      String isNull = fresh("n");
      String v = fresh("v");
      line("boolean " + isNull + " = " + c + ".isNullAt(r);");
      line(
          jt
              + " "
              + v
              + " = "
              + isNull
              + " ? "
              + defaultValue(t)
              + " : "
              + c
              + "."
              + getter(t)
              + "(r);");
      return new Ev(isNull, v);
    }

    private String ref(Object x, String jt) {
      refs.add(x);
      return "((" + jt + ") refs[" + (refs.size() - 1) + "])";
    }

    private Ev literal(Literal l) throws Unsupported {
      DataType t = l.dataType();
      if (t.kind() == DataType.Kind.NULL) {
        throw new Unsupported();
      }
      String jt = javaType(t);
      String v = fresh("v");
      Object x = l.value();
      if (x == null) {
        line(jt + " " + v + " = " + defaultValue(t) + ";");
        return new Ev("true", v);
      }
      String text =
          switch (t.kind()) {
            case BOOLEAN -> x.toString();
            case BYTE -> "(byte) " + x;
            case SHORT -> "(short) " + x;
            case INT, DATE -> "(" + x + ")";
            case LONG, TIMESTAMP -> "(" + x + "L)";
            case FLOAT -> "Float.intBitsToFloat(" + Float.floatToRawIntBits((Float) x) + ")";
            case DOUBLE ->
                "Double.longBitsToDouble(" + Double.doubleToRawLongBits((Double) x) + "L)";
            case DECIMAL ->
                ColumnVector.isLongDecimal(t)
                    ? "("
                        + ((java.math.BigDecimal) x)
                            .setScale(((dev.weft.sql.types.DecimalType) t).scale())
                            .unscaledValue()
                            .longValueExact()
                        + "L)"
                    : ref(x, jt);
            default -> {
              refs.add(x);
              yield "((" + jt + ") refs[" + (refs.size() - 1) + "])";
            }
          };
      line(jt + " " + v + " = " + text + ";");
      return new Ev("false", v);
    }

    /** AND ({@code or} false) or OR in three-valued logic; the right side only when needed. */
    private Ev logical(Expression left, Expression right, boolean or) throws Unsupported {
      String isNull = fresh("n");
      String v = fresh("v");
      String decisive = or ? "true" : "false";
      line("boolean " + isNull + ";");
      line("boolean " + v + ";");
      line("{");
      Ev l = gen(left);
      line(
          "if (!"
              + l.isNull
              + " && "
              + l.value
              + " == "
              + decisive
              + ") { "
              + isNull
              + " = false; "
              + v
              + " = "
              + decisive
              + "; } else {");
      Ev r = gen(right);
      line(
          "if (!"
              + r.isNull
              + " && "
              + r.value
              + " == "
              + decisive
              + ") { "
              + isNull
              + " = false; "
              + v
              + " = "
              + decisive
              + "; } else { "
              + isNull
              + " = "
              + l.isNull
              + " || "
              + r.isNull
              + "; "
              + v
              + " = !"
              + decisive
              + " && !"
              + isNull
              + "; }");
      line("}");
      line("}");
      return new Ev(isNull, v);
    }

    private static String comparisonOperator(Comparison c) {
      if (c instanceof EqualTo) {
        return "==";
      }
      if (c instanceof LessThan) {
        return "<";
      }
      if (c instanceof LessThanOrEqual) {
        return "<=";
      }
      if (c instanceof GreaterThan) {
        return ">";
      }
      if (c instanceof GreaterThanOrEqual) {
        return ">=";
      }
      return null;
    }

    private Ev comparison(Comparison c) throws Unsupported {
      DataType t = c.left().dataType();
      String isNull = fresh("n");
      String v = fresh("v");
      line("boolean " + isNull + " = true;");
      line("boolean " + v + " = false;");
      line("{");
      Ev l = gen(c.left());
      line("if (!" + l.isNull + ") {");
      Ev r = gen(c.right());
      String cmp =
          switch (t.kind()) {
            case BOOLEAN -> "Boolean.compare(" + l.value + ", " + r.value + ")";
            case BYTE, SHORT, INT, DATE -> "Integer.compare(" + l.value + ", " + r.value + ")";
            case LONG, TIMESTAMP -> "Long.compare(" + l.value + ", " + r.value + ")";
            case FLOAT, DOUBLE -> ORDERING + ".compareDoubles(" + l.value + ", " + r.value + ")";
            case DECIMAL ->
                ColumnVector.isLongDecimal(t)
                    ? "Long.compare(" + l.value + ", " + r.value + ")"
                    : l.value + ".compareTo(" + r.value + ")";
            case STRING -> ORDERING + ".compareStrings(" + l.value + ", " + r.value + ")";
            default -> throw new Unsupported();
          };
      line(
          "if (!"
              + r.isNull
              + ") { "
              + isNull
              + " = false; "
              + v
              + " = "
              + cmp
              + " "
              + comparisonOperator(c)
              + " 0; }");
      line("}");
      line("}");
      return new Ev(isNull, v);
    }

    private Ev arithmetic(BinaryArithmetic a) throws Unsupported {
      DataType t = a.dataType();
      String op = a instanceof Add ? "+" : a instanceof Subtract ? "-" : "*";
      String jt = javaType(t);
      String isNull = fresh("n");
      String v = fresh("v");
      line("boolean " + isNull + " = true;");
      line(jt + " " + v + " = " + defaultValue(t) + ";");
      line("{");
      Ev l = gen(a.left());
      line("if (!" + l.isNull + ") {");
      Ev r = gen(a.right());
      // As the interpreted operators: integral in long, narrowed (wraps); float via double.
      String result =
          switch (t.kind()) {
            case BYTE, SHORT, INT ->
                "(" + jt + ") ((long) " + l.value + " " + op + " (long) " + r.value + ")";
            case LONG -> l.value + " " + op + " " + r.value;
            case FLOAT -> "(float) ((double) " + l.value + " " + op + " (double) " + r.value + ")";
            case DOUBLE -> l.value + " " + op + " " + r.value;
            default -> throw new Unsupported();
          };
      line("if (!" + r.isNull + ") { " + isNull + " = false; " + v + " = " + result + "; }");
      line("}");
      line("}");
      return new Ev(isNull, v);
    }

    private Ev cast(Cast c) throws Unsupported {
      DataType from = c.child().dataType();
      DataType to = c.dataType();
      boolean integralFrom = from.isIntegral();
      boolean numericTo =
          to.isIntegral() || to.kind() == DataType.Kind.FLOAT || to.kind() == DataType.Kind.DOUBLE;
      if (!integralFrom || !numericTo) {
        throw new Unsupported();
      }
      Ev child = gen(c.child());
      String jt = javaType(to);
      String v = fresh("v");
      // As Casts: integral values go through long, then Java's primitive conversion.
      line(
          jt
              + " "
              + v
              + " = "
              + child.isNull
              + " ? "
              + defaultValue(to)
              + " : ("
              + jt
              + ") (long) "
              + child.value
              + ";");
      return new Ev(child.isNull, v);
    }
  }
}
