package dev.weft.sql.analysis;

import dev.weft.sql.expr.And;
import dev.weft.sql.expr.Cast;
import dev.weft.sql.expr.Casts;
import dev.weft.sql.expr.Comparison;
import dev.weft.sql.expr.EqualNullSafe;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.ImplicitCastInputTypes;
import dev.weft.sql.expr.InputType;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.Or;
import dev.weft.sql.expr.arith.BinaryArithmetic;
import dev.weft.sql.expr.arith.DecimalPrecision;
import dev.weft.sql.expr.arith.IntegralDivide;
import dev.weft.sql.expr.arith.UnaryMinus;
import dev.weft.sql.expr.complex.GetMapValue;
import dev.weft.sql.expr.cond.CaseWhen;
import dev.weft.sql.expr.cond.Coalesce;
import dev.weft.sql.expr.cond.If;
import dev.weft.sql.expr.cond.In;
import dev.weft.sql.expr.cond.NullIf;
import dev.weft.sql.expr.math.GreatestLeast;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataType.Kind;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.DecimalType;
import dev.weft.sql.types.MapType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inserts the implicit casts of Spark's legacy (non-ANSI) type coercion, for the analyzer: {@link
 * #coerce} rewrites one expression whose children are resolved, {@link #coerceAll} a whole tree
 * bottom-up. The rules, in Spark's order:
 *
 * <ul>
 *   <li>comparisons: a string against a date compares as dates, against a timestamp as timestamps,
 *       against a decimal as doubles, against another atomic type as that type; a date against a
 *       timestamp as timestamps; a boolean against a number ({@code =}, {@code <=>}) as that
 *       number; decimals against decimals as the wider decimal; then numeric widening;
 *   <li>arithmetic: strings become doubles; {@code date + int} and {@code date - int} become {@code
 *       date_add}/{@code date_sub}; an integral operand of a decimal becomes the decimal of its
 *       digits (a literal the smallest that holds its value); a decimal next to a float or double
 *       becomes double; {@code /} on non-decimals divides doubles; {@code div} bigints; other mixed
 *       numbers widen (tinyint &lt; smallint &lt; int &lt; bigint &lt; float &lt; double);
 *   <li>{@code CASE}, {@code if}, {@code coalesce}, {@code IN}: all branches (values) to their
 *       wider common type, where a string and a number or date meet as string (legacy behaviour);
 *       {@code greatest}/{@code least} without that string promotion;
 *   <li>NULL literals take the type next to them; boolean operators cast NULL to boolean;
 *   <li>function arguments ({@link ImplicitCastInputTypes}): a string to a number (double for "any
 *       number") or a date or timestamp, a number to the expected number type, any atomic type to
 *       string, a date to a timestamp and back.
 * </ul>
 *
 * An expression no rule can fix is returned as it is; its {@link Expression#checkInputTypes()} then
 * names the problem.
 */
public final class TypeCoercion {
  private TypeCoercion() {}

  /** The whole tree with implicit casts inserted, children first. */
  public static Expression coerceAll(Expression e) {
    return e.transformUp(TypeCoercion::coerce);
  }

  /** {@code e} (whose children are resolved) with the implicit casts its inputs need. */
  public static Expression coerce(Expression e) {
    if (!e.childrenResolved()) {
      return e;
    }
    if (e instanceof Comparison || e instanceof EqualNullSafe) {
      return comparison(e);
    }
    if (e instanceof BinaryArithmetic || e instanceof IntegralDivide) {
      return ArithmeticCoercion.coerce(e);
    }
    if (e instanceof UnaryMinus u) {
      DataType t = u.child().dataType();
      return t.kind() == Kind.STRING || t.kind() == Kind.NULL
          ? new UnaryMinus(cast(u.child(), DataTypes.DoubleType))
          : e;
    }
    if (e instanceof And || e instanceof Or || e instanceof Not) {
      return nullsTo(e, e.children(), DataTypes.BooleanType);
    }
    if (e instanceof If i) {
      Expression p = nullTo(i.predicate(), DataTypes.BooleanType);
      Optional<DataType> t = findWiderCommonType(types(i.trueValue(), i.falseValue()));
      Expression a = t.isPresent() ? cast(i.trueValue(), t.get()) : i.trueValue();
      Expression b = t.isPresent() ? cast(i.falseValue(), t.get()) : i.falseValue();
      return p == i.predicate() && a == i.trueValue() && b == i.falseValue() ? e : new If(p, a, b);
    }
    if (e instanceof CaseWhen c) {
      return caseWhen(c);
    }
    if (e instanceof Coalesce c) {
      return castAll(e, c.children(), findWiderCommonType(types(c.children())));
    }
    if (e instanceof In in) {
      return castAll(e, in.children(), findWiderCommonType(types(in.children())));
    }
    if (e instanceof GreatestLeast g) {
      return castAll(e, g.children(), findWiderTypeWithoutStringPromotion(types(g.children())));
    }
    if (e instanceof NullIf n) {
      Optional<DataType> t = comparisonType(n.left().dataType(), n.right().dataType());
      return castAll(e, n.children(), t);
    }
    if (e instanceof GetMapValue g
        && g.left().dataType() instanceof MapType m
        && !g.right().dataType().equals(m.keyType())
        && Casts.canCast(g.right().dataType(), m.keyType())) {
      return new GetMapValue(g.left(), cast(g.right(), m.keyType()));
    }
    if (e instanceof ImplicitCastInputTypes f) {
      return implicitCasts(f);
    }
    return e;
  }

  // ---- comparisons ----

  private static Expression comparison(Expression e) {
    Expression l = e.children().get(0);
    Expression r = e.children().get(1);
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    if (lt.equals(rt)) {
      return e;
    }
    boolean equality = e instanceof EqualTo || e instanceof EqualNullSafe;
    if (equality && lt.kind() == Kind.BOOLEAN && rt.isNumeric()) {
      return e.withNewChildren(List.of(cast(l, rt), r));
    }
    if (equality && rt.kind() == Kind.BOOLEAN && lt.isNumeric()) {
      return e.withNewChildren(List.of(l, cast(r, lt)));
    }
    if (lt instanceof DecimalType || rt instanceof DecimalType) {
      Expression[] d = ArithmeticCoercion.decimalOperands(l, r);
      if (d != null) {
        l = d[0];
        r = d[1];
      }
      if (l.dataType() instanceof DecimalType a && r.dataType() instanceof DecimalType b) {
        DecimalType w = DecimalPrecision.wider(a, b);
        return e.withNewChildren(List.of(cast(l, w), cast(r, w)));
      }
      if (d != null) {
        return e.withNewChildren(List.of(l, r));
      }
    }
    Optional<DataType> t = comparisonType(lt, rt);
    return castAll(e, e.children(), t);
  }

  /** The type two sides of a comparison are compared as, if any (strings, dates, numbers). */
  static Optional<DataType> comparisonType(DataType a, DataType b) {
    if (a.equals(b)) {
      return Optional.of(a);
    }
    Kind x = a.kind();
    Kind y = b.kind();
    if (x == Kind.STRING || y == Kind.STRING) {
      DataType other = x == Kind.STRING ? b : a;
      if (other.kind() == Kind.NULL) {
        return Optional.of(DataTypes.StringType);
      }
      if (other.kind() == Kind.DECIMAL) {
        return Optional.of(DataTypes.DoubleType);
      }
      if (isAtomic(other)) {
        return Optional.of(other);
      }
      return Optional.empty();
    }
    if ((x == Kind.DATE && y == Kind.TIMESTAMP) || (x == Kind.TIMESTAMP && y == Kind.DATE)) {
      return Optional.of(DataTypes.TimestampType);
    }
    return findTightestCommonType(a, b);
  }

  // ---- conditionals ----

  private static Expression caseWhen(CaseWhen c) {
    List<Expression> conds = new ArrayList<>();
    boolean changed = false;
    for (Expression cond : c.conditions()) {
      Expression n = nullTo(cond, DataTypes.BooleanType);
      changed |= n != cond;
      conds.add(n);
    }
    Optional<DataType> t = findWiderCommonType(types(c.branchValues()));
    List<Expression> values = c.values();
    Expression elseValue = c.elseValue();
    if (t.isPresent()) {
      List<Expression> cast = new ArrayList<>();
      for (Expression v : values) {
        Expression n = cast(v, t.get());
        changed |= n != v;
        cast.add(n);
      }
      values = cast;
      if (elseValue != null) {
        Expression n = cast(elseValue, t.get());
        changed |= n != elseValue;
        elseValue = n;
      }
    }
    return changed ? new CaseWhen(conds, values, elseValue) : c;
  }

  // ---- function arguments ----

  private static Expression implicitCasts(ImplicitCastInputTypes f) {
    List<Expression> children = f.children();
    List<InputType> expected = f.inputTypes();
    List<Expression> out = new ArrayList<>(children.size());
    boolean changed = false;
    for (int i = 0; i < children.size(); i++) {
      Expression c = children.get(i);
      if (i < expected.size()) {
        DataType target = implicitCastType(c.dataType(), expected.get(i));
        if (target != null && !target.equals(c.dataType())) {
          c = cast(c, target);
          changed = true;
        }
      }
      out.add(c);
    }
    return changed ? f.withNewChildren(out) : f;
  }

  /**
   * The type a value of {@code in} is implicitly cast to where {@code expected} is wanted: {@code
   * in} itself when accepted, else per Spark's {@code implicitCast}, or null when there is none.
   */
  public static DataType implicitCastType(DataType in, InputType expected) {
    if (expected.accepts(in)) {
      return in;
    }
    if (in.kind() == Kind.NULL) {
      DataType t = expected.defaultConcreteType();
      return t.kind() == Kind.NULL ? null : t;
    }
    if (expected instanceof InputType.OneOf choices) {
      for (InputType c : choices.choices()) {
        DataType t = implicitCastType(in, c);
        if (t != null) {
          return t;
        }
      }
      return null;
    }
    if (expected == InputType.Family.NUMERIC) {
      return in.kind() == Kind.STRING ? DataTypes.DoubleType : null;
    }
    if (expected == InputType.Family.DECIMAL) {
      if (in.isNumeric()) {
        return DecimalPrecision.forType(in);
      }
      return in.kind() == Kind.STRING ? DataTypes.createDecimalType(38, 18) : null;
    }
    if (expected == InputType.Family.INTEGRAL) {
      return in.isNumeric() || in.kind() == Kind.STRING ? DataTypes.LongType : null;
    }
    if (!(expected instanceof InputType.Exact exact)) {
      return null;
    }
    DataType target = exact.type();
    Kind from = in.kind();
    switch (target.kind()) {
      case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL:
        return in.isNumeric() || from == Kind.STRING ? target : null;
      case TIMESTAMP:
        return from == Kind.DATE || from == Kind.STRING ? target : null;
      case DATE:
        return from == Kind.TIMESTAMP || from == Kind.STRING ? target : null;
      case BINARY:
        return from == Kind.STRING ? target : null;
      case STRING:
        return isAtomic(in) ? target : null;
      default:
        return null;
    }
  }

  // ---- common types ----

  /** The numeric widening order of the non-decimal number types. */
  private static final List<Kind> NUMERIC_PRECEDENCE =
      List.of(Kind.BYTE, Kind.SHORT, Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE);

  /**
   * The type both widen to without losing anything: the same type, the other of NULL, the wider
   * number (integral into a decimal that holds it), timestamp for date and timestamp; else empty.
   */
  public static Optional<DataType> findTightestCommonType(DataType a, DataType b) {
    if (a.equals(b)) {
      return Optional.of(a);
    }
    if (a.kind() == Kind.NULL) {
      return Optional.of(b);
    }
    if (b.kind() == Kind.NULL) {
      return Optional.of(a);
    }
    if (a.isIntegral() && b instanceof DecimalType d && DecimalPrecision.isWiderThan(d, a)) {
      return Optional.of(b);
    }
    if (b.isIntegral() && a instanceof DecimalType d && DecimalPrecision.isWiderThan(d, b)) {
      return Optional.of(a);
    }
    int i = NUMERIC_PRECEDENCE.indexOf(a.kind());
    int j = NUMERIC_PRECEDENCE.indexOf(b.kind());
    if (i >= 0 && j >= 0) {
      return Optional.of(i > j ? a : b);
    }
    if ((a.kind() == Kind.DATE && b.kind() == Kind.TIMESTAMP)
        || (a.kind() == Kind.TIMESTAMP && b.kind() == Kind.DATE)) {
      return Optional.of(DataTypes.TimestampType);
    }
    return ComplexTypes.common(a, b, TypeCoercion::findTightestCommonType);
  }

  /**
   * {@link #findTightestCommonType}, else the wider decimal (a float or double with a decimal is
   * double), else string for a string with another atomic type except binary and boolean.
   */
  public static Optional<DataType> findWiderTypeForTwo(DataType a, DataType b) {
    Optional<DataType> t = findTightestCommonType(a, b);
    if (t.isEmpty()) {
      t = widerDecimal(a, b);
    }
    if (t.isEmpty()) {
      t = stringPromotion(a, b);
    }
    if (t.isEmpty()) {
      t = ComplexTypes.common(a, b, TypeCoercion::findWiderTypeForTwo);
    }
    return t;
  }

  /** The wider type of all (strings first, as Spark, so that the fold does not depend on order). */
  public static Optional<DataType> findWiderCommonType(List<DataType> types) {
    List<DataType> ordered = new ArrayList<>();
    types.stream().filter(ComplexTypes::hasString).distinct().forEach(ordered::add);
    types.stream().filter(t -> !ComplexTypes.hasString(t)).forEach(ordered::add);
    Optional<DataType> r = Optional.of(DataTypes.NullType);
    for (DataType t : ordered) {
      r = findWiderTypeForTwo(r.get(), t);
      if (r.isEmpty()) {
        return r;
      }
    }
    return r;
  }

  /** The wider type of all, without turning numbers or dates into strings. */
  public static Optional<DataType> findWiderTypeWithoutStringPromotion(List<DataType> types) {
    Optional<DataType> r = Optional.of(DataTypes.NullType);
    for (DataType t : types) {
      Optional<DataType> n = findTightestCommonType(r.get(), t);
      r = n.isPresent() ? n : widerDecimal(r.get(), t);
      if (r.isEmpty()) {
        return r;
      }
    }
    return r;
  }

  static Optional<DataType> widerDecimal(DataType a, DataType b) {
    boolean da = a instanceof DecimalType;
    boolean db = b instanceof DecimalType;
    if (!da && !db) {
      return Optional.empty();
    }
    if (da && db) {
      return Optional.of(DecimalPrecision.wider((DecimalType) a, (DecimalType) b));
    }
    DataType other = da ? b : a;
    DecimalType d = (DecimalType) (da ? a : b);
    if (other.isIntegral()) {
      return Optional.of(DecimalPrecision.wider(DecimalPrecision.forType(other), d));
    }
    if (other.kind() == Kind.FLOAT || other.kind() == Kind.DOUBLE) {
      return Optional.of(DataTypes.DoubleType);
    }
    return Optional.empty();
  }

  private static Optional<DataType> stringPromotion(DataType a, DataType b) {
    if (a.kind() == Kind.STRING && isAtomic(b) && promotable(b)) {
      return Optional.of(DataTypes.StringType);
    }
    if (b.kind() == Kind.STRING && isAtomic(a) && promotable(a)) {
      return Optional.of(DataTypes.StringType);
    }
    return Optional.empty();
  }

  private static boolean promotable(DataType t) {
    return t.kind() != Kind.BINARY && t.kind() != Kind.BOOLEAN;
  }

  static boolean isAtomic(DataType t) {
    return switch (t.kind()) {
      case ARRAY, MAP, STRUCT, NULL -> false;
      default -> true;
    };
  }

  // ---- helpers ----

  static List<DataType> types(Expression... es) {
    return types(List.of(es));
  }

  static List<DataType> types(List<Expression> es) {
    List<DataType> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(e.dataType());
    }
    return out;
  }

  /** {@code e} cast to {@code t}, or itself when it already has that type. */
  static Expression cast(Expression e, DataType t) {
    if (e.dataType().equals(t)) {
      return e;
    }
    if (e instanceof Literal l && l.value() == null) {
      return Literal.nullOf(t);
    }
    return new Cast(e, t);
  }

  private static Expression castAll(Expression e, List<Expression> children, Optional<DataType> t) {
    if (t.isEmpty()) {
      return e;
    }
    List<Expression> out = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression c : children) {
      Expression n = cast(c, t.get());
      changed |= n != c;
      out.add(n);
    }
    return changed ? e.withNewChildren(out) : e;
  }

  private static Expression nullTo(Expression e, DataType t) {
    return e.dataType().kind() == Kind.NULL ? cast(e, t) : e;
  }

  private static Expression nullsTo(Expression e, List<Expression> children, DataType t) {
    List<Expression> out = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression c : children) {
      Expression n = nullTo(c, t);
      changed |= n != c;
      out.add(n);
    }
    return changed ? e.withNewChildren(out) : e;
  }
}
