package dev.weft.sql;

import dev.weft.sql.expr.Count;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.agg.Avg;
import dev.weft.sql.expr.agg.CentralMoment;
import dev.weft.sql.expr.agg.CollectList;
import dev.weft.sql.expr.agg.CountDistinct;
import dev.weft.sql.expr.agg.First;
import dev.weft.sql.expr.agg.Max;
import dev.weft.sql.expr.agg.Min;
import dev.weft.sql.expr.agg.Sum;
import dev.weft.sql.expr.arith.Pmod;
import dev.weft.sql.expr.cond.CaseWhen;
import dev.weft.sql.expr.cond.Coalesce;
import dev.weft.sql.expr.cond.IsNaN;
import dev.weft.sql.expr.cond.NullIf;
import dev.weft.sql.expr.datetime.CurrentTime;
import dev.weft.sql.expr.datetime.DateAdd;
import dev.weft.sql.expr.datetime.DateDiff;
import dev.weft.sql.expr.datetime.DateFormat;
import dev.weft.sql.expr.datetime.DatePart;
import dev.weft.sql.expr.datetime.ParseToTimestamp;
import dev.weft.sql.expr.datetime.TimePart;
import dev.weft.sql.expr.math.Abs;
import dev.weft.sql.expr.math.FloorCeil;
import dev.weft.sql.expr.math.GreatestLeast;
import dev.weft.sql.expr.math.MathFunction;
import dev.weft.sql.expr.math.Pow;
import dev.weft.sql.expr.math.Round;
import dev.weft.sql.expr.string.Concat;
import dev.weft.sql.expr.string.ConcatWs;
import dev.weft.sql.expr.string.Length;
import dev.weft.sql.expr.string.Lower;
import dev.weft.sql.expr.string.RegExpExtract;
import dev.weft.sql.expr.string.RegExpReplace;
import dev.weft.sql.expr.string.StringLocate;
import dev.weft.sql.expr.string.StringPad;
import dev.weft.sql.expr.string.StringSplit;
import dev.weft.sql.expr.string.StringTrim;
import dev.weft.sql.expr.string.Upper;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of DataFrame expressions, named as in Spark's {@code functions}: import them
 * statically ({@code import static dev.weft.sql.functions.*;}).
 */
@SuppressWarnings("checkstyle:TypeName") // named as Spark's, which users import statically
public final class functions {
  private functions() {}

  /** The column named {@code name}. */
  public static Column col(String name) {
    return new Column(name);
  }

  /** Same as {@link #col}. */
  public static Column column(String name) {
    return new Column(name);
  }

  /** A literal column of {@code value} (a {@link Column} is returned as it is). */
  public static Column lit(Object value) {
    return value instanceof Column c ? c : new Column(Literal.of(value));
  }

  public static Column not(Column c) {
    return new Column(new Not(c.expr()));
  }

  /** {@code count(c)}: the rows where {@code c} is not NULL; {@code count("*")} counts rows. */
  public static Column count(String columnName) {
    return columnName.equals("*") ? new Column(Count.star()) : count(col(columnName));
  }

  public static Column count(Column c) {
    return new Column(new Count(List.of(c.expr())));
  }

  // ==== expression library (branch sql-expr) ====

  private static Expression e(Column c) {
    return c.expr();
  }

  private static List<Expression> exprs(Column... cs) {
    List<Expression> out = new ArrayList<>(cs.length);
    for (Column c : cs) {
      out.add(c.expr());
    }
    return out;
  }

  private static Column fn(Expression e) {
    return new Column(e);
  }

  // ---- aggregates ----

  /** {@code sum(c)}: bigint for integral input, double for fractional, decimal(p+10,s). */
  public static Column sum(Column c) {
    return fn(new Sum(e(c)));
  }

  /** {@code sum} of the column named {@code columnName}. */
  public static Column sum(String columnName) {
    return sum(col(columnName));
  }

  /** {@code avg(c)}: double, or decimal(p+4,s+4) for decimals; NULL for no values. */
  public static Column avg(Column c) {
    return fn(new Avg(e(c)));
  }

  /** {@code avg} of the column named {@code columnName}. */
  public static Column avg(String columnName) {
    return avg(col(columnName));
  }

  /** Same as {@link #avg(Column)}. */
  public static Column mean(Column c) {
    return avg(c);
  }

  /** {@code min(c)}: the smallest non-NULL value. */
  public static Column min(Column c) {
    return fn(new Min(e(c)));
  }

  /** {@code min} of the column named {@code columnName}. */
  public static Column min(String columnName) {
    return min(col(columnName));
  }

  /** {@code max(c)}: the largest non-NULL value. */
  public static Column max(Column c) {
    return fn(new Max(e(c)));
  }

  /** {@code max} of the column named {@code columnName}. */
  public static Column max(String columnName) {
    return max(col(columnName));
  }

  /** {@code first(c)}: the value of the group's first row (order-dependent). */
  public static Column first(Column c) {
    return first(c, false);
  }

  /** {@code first(c)}, skipping NULLs when {@code ignoreNulls}. */
  public static Column first(Column c, boolean ignoreNulls) {
    return fn(new First(e(c), ignoreNulls, false));
  }

  /** {@code first} of the column named {@code columnName}. */
  public static Column first(String columnName) {
    return first(col(columnName));
  }

  /** {@code last(c)}: the value of the group's last row (order-dependent). */
  public static Column last(Column c) {
    return last(c, false);
  }

  /** {@code last(c)}, skipping NULLs when {@code ignoreNulls}. */
  public static Column last(Column c, boolean ignoreNulls) {
    return fn(new First(e(c), ignoreNulls, true));
  }

  /** {@code collect_list(c)}: the non-NULL values as an array. */
  public static Column collect_list(Column c) {
    return fn(new CollectList(e(c), false));
  }

  /** {@code collect_set(c)}: the distinct non-NULL values as an array. */
  public static Column collect_set(Column c) {
    return fn(new CollectList(e(c), true));
  }

  /** {@code count(DISTINCT c, ...)}: distinct tuples without NULLs. */
  public static Column countDistinct(Column c, Column... more) {
    Column[] all = new Column[more.length + 1];
    all[0] = c;
    System.arraycopy(more, 0, all, 1, more.length);
    return fn(new CountDistinct(exprs(all)));
  }

  /** {@code count(DISTINCT ...)} of the named columns. */
  public static Column countDistinct(String columnName, String... more) {
    Column[] cs = new Column[more.length];
    for (int i = 0; i < more.length; i++) {
      cs[i] = col(more[i]);
    }
    return countDistinct(col(columnName), cs);
  }

  /** Same as {@link #countDistinct(Column, Column...)}. */
  public static Column count_distinct(Column c, Column... more) {
    return countDistinct(c, more);
  }

  /** {@code stddev_samp(c)}. */
  public static Column stddev(Column c) {
    return stddev_samp(c);
  }

  /** The sample standard deviation; NULL for fewer than two values. */
  public static Column stddev_samp(Column c) {
    return fn(new CentralMoment(e(c), CentralMoment.Stat.STDDEV_SAMP));
  }

  /** The population standard deviation. */
  public static Column stddev_pop(Column c) {
    return fn(new CentralMoment(e(c), CentralMoment.Stat.STDDEV_POP));
  }

  /** {@code var_samp(c)}. */
  public static Column variance(Column c) {
    return var_samp(c);
  }

  /** The sample variance; NULL for fewer than two values. */
  public static Column var_samp(Column c) {
    return fn(new CentralMoment(e(c), CentralMoment.Stat.VAR_SAMP));
  }

  /** The population variance. */
  public static Column var_pop(Column c) {
    return fn(new CentralMoment(e(c), CentralMoment.Stat.VAR_POP));
  }

  // ---- conditionals and nulls ----

  /** The first non-NULL argument. */
  public static Column coalesce(Column... cs) {
    return fn(new Coalesce(exprs(cs)));
  }

  /** {@code nvl(a, b)}: {@code coalesce(a, b)}. */
  public static Column nvl(Column a, Column b) {
    return coalesce(a, b);
  }

  /** {@code nullif(a, b)}: NULL when {@code a = b}, else {@code a}. */
  public static Column nullif(Column a, Column b) {
    return fn(new NullIf(e(a), e(b)));
  }

  /** {@code CASE WHEN condition THEN value}; add branches with {@link Column#when}. */
  public static Column when(Column condition, Object value) {
    return fn(new CaseWhen(List.of(e(condition)), List.of(Column.toExpr(value)), null));
  }

  /** Whether a double or float is NaN (false for NULL). */
  public static Column isnan(Column c) {
    return fn(new IsNaN(e(c)));
  }

  /** Whether the value is NULL. */
  public static Column isnull(Column c) {
    return c.isNull();
  }

  /** The largest non-NULL argument. */
  public static Column greatest(Column... cs) {
    return fn(new GreatestLeast(exprs(cs), true));
  }

  /** The smallest non-NULL argument. */
  public static Column least(Column... cs) {
    return fn(new GreatestLeast(exprs(cs), false));
  }

  // ---- strings ----

  /** The strings joined; NULL if any is NULL. */
  public static Column concat(Column... cs) {
    return fn(new Concat(exprs(cs)));
  }

  /** The non-NULL strings joined by {@code sep}. */
  public static Column concat_ws(String sep, Column... cs) {
    List<Expression> args = new ArrayList<>();
    args.add(Literal.of(sep));
    args.addAll(exprs(cs));
    return fn(new ConcatWs(args));
  }

  /** {@code len} characters from the 1-based position {@code pos} (negative: from the end). */
  public static Column substring(Column str, int pos, int len) {
    return str.substr(pos, len);
  }

  /** Lower case. */
  public static Column lower(Column c) {
    return fn(new Lower(e(c)));
  }

  /** Upper case. */
  public static Column upper(Column c) {
    return fn(new Upper(e(c)));
  }

  /** Without leading and trailing spaces. */
  public static Column trim(Column c) {
    return fn(new StringTrim(e(c), null, StringTrim.Side.BOTH));
  }

  /** Without leading and trailing characters of {@code trimString}. */
  public static Column trim(Column c, String trimString) {
    return fn(new StringTrim(e(c), Literal.of(trimString), StringTrim.Side.BOTH));
  }

  /** Without leading spaces. */
  public static Column ltrim(Column c) {
    return fn(new StringTrim(e(c), null, StringTrim.Side.LEADING));
  }

  /** Without trailing spaces. */
  public static Column rtrim(Column c) {
    return fn(new StringTrim(e(c), null, StringTrim.Side.TRAILING));
  }

  /** The number of characters (bytes of a binary). */
  public static Column length(Column c) {
    return fn(new Length(e(c)));
  }

  /** Group {@code idx} of the first match of {@code regex}; empty when none. */
  public static Column regexp_extract(Column c, String regex, int idx) {
    return fn(new RegExpExtract(e(c), Literal.of(regex), Literal.of(idx)));
  }

  /** Every match of {@code regex} replaced ({@code $1} refers to a group). */
  public static Column regexp_replace(Column c, String regex, String replacement) {
    return fn(new RegExpReplace(e(c), Literal.of(regex), Literal.of(replacement)));
  }

  /** Every match of {@code regex} replaced, from columns. */
  public static Column regexp_replace(Column c, Column regex, Column replacement) {
    return fn(new RegExpReplace(e(c), e(regex), e(replacement)));
  }

  /** The parts around matches of {@code regex}, as an array. */
  public static Column split(Column c, String regex) {
    return split(c, regex, -1);
  }

  /** At most {@code limit} parts when {@code limit > 0}. */
  public static Column split(Column c, String regex, int limit) {
    return fn(new StringSplit(e(c), Literal.of(regex), Literal.of(limit)));
  }

  /** Padded on the left to {@code len} characters with {@code pad}. */
  public static Column lpad(Column c, int len, String pad) {
    return fn(new StringPad(e(c), Literal.of(len), Literal.of(pad), true));
  }

  /** Padded on the right to {@code len} characters with {@code pad}. */
  public static Column rpad(Column c, int len, String pad) {
    return fn(new StringPad(e(c), Literal.of(len), Literal.of(pad), false));
  }

  /** The 1-based position of {@code substring} in {@code str}, 0 when absent. */
  public static Column instr(Column str, String substring) {
    return fn(new StringLocate(Literal.of(substring), e(str), Literal.of(1)));
  }

  /** The 1-based position of {@code substr} in {@code str}, 0 when absent. */
  public static Column locate(String substr, Column str) {
    return locate(substr, str, 1);
  }

  /** The position of {@code substr} in {@code str} at or after {@code pos}. */
  public static Column locate(String substr, Column str, int pos) {
    return fn(new StringLocate(Literal.of(substr), e(str), Literal.of(pos)));
  }

  // ---- dates and times ----

  /** The year of a date. */
  public static Column year(Column c) {
    return fn(new DatePart(e(c), DatePart.Field.YEAR));
  }

  /** The quarter (1-4) of a date. */
  public static Column quarter(Column c) {
    return fn(new DatePart(e(c), DatePart.Field.QUARTER));
  }

  /** The month (1-12) of a date. */
  public static Column month(Column c) {
    return fn(new DatePart(e(c), DatePart.Field.MONTH));
  }

  /** The day of the month. */
  public static Column dayofmonth(Column c) {
    return fn(new DatePart(e(c), DatePart.Field.DAYOFMONTH));
  }

  /** The day of the week, 1 = Sunday to 7 = Saturday. */
  public static Column dayofweek(Column c) {
    return fn(new DatePart(e(c), DatePart.Field.DAYOFWEEK));
  }

  /** The day of the year. */
  public static Column dayofyear(Column c) {
    return fn(new DatePart(e(c), DatePart.Field.DAYOFYEAR));
  }

  /** The ISO week of the year. */
  public static Column weekofyear(Column c) {
    return fn(new DatePart(e(c), DatePart.Field.WEEKOFYEAR));
  }

  /** The hour of a timestamp in the session zone. */
  public static Column hour(Column c) {
    return fn(new TimePart(e(c), TimePart.Field.HOUR));
  }

  /** The minute of a timestamp. */
  public static Column minute(Column c) {
    return fn(new TimePart(e(c), TimePart.Field.MINUTE));
  }

  /** The second of a timestamp. */
  public static Column second(Column c) {
    return fn(new TimePart(e(c), TimePart.Field.SECOND));
  }

  /** The date of a string (as {@code CAST}), date or timestamp. */
  public static Column to_date(Column c) {
    return fn(new ParseToTimestamp(e(c), null, ParseToTimestamp.Target.DATE));
  }

  /** The date of a string with a Spark datetime pattern; NULL when it does not match. */
  public static Column to_date(Column c, String format) {
    return fn(new ParseToTimestamp(e(c), Literal.of(format), ParseToTimestamp.Target.DATE));
  }

  /** The timestamp of a string (as {@code CAST}), date or timestamp. */
  public static Column to_timestamp(Column c) {
    return fn(new ParseToTimestamp(e(c), null, ParseToTimestamp.Target.TIMESTAMP));
  }

  /** The timestamp of a string with a Spark datetime pattern; NULL when it does not match. */
  public static Column to_timestamp(Column c, String format) {
    return fn(new ParseToTimestamp(e(c), Literal.of(format), ParseToTimestamp.Target.TIMESTAMP));
  }

  /** Seconds since the epoch of a {@code yyyy-MM-dd HH:mm:ss} string, date or timestamp. */
  public static Column unix_timestamp(Column c) {
    return fn(new ParseToTimestamp(e(c), null, ParseToTimestamp.Target.UNIX_SECONDS));
  }

  /** Seconds since the epoch of a string with a Spark datetime pattern. */
  public static Column unix_timestamp(Column c, String format) {
    return fn(new ParseToTimestamp(e(c), Literal.of(format), ParseToTimestamp.Target.UNIX_SECONDS));
  }

  /** The seconds since the epoch when the query started. */
  public static Column unix_timestamp() {
    return unix_timestamp(current_timestamp());
  }

  /** {@code days} days after {@code start}. */
  public static Column date_add(Column start, int days) {
    return date_add(start, lit(days));
  }

  /** {@code days} days after {@code start}. */
  public static Column date_add(Column start, Column days) {
    return fn(new DateAdd(e(start), e(days)));
  }

  /** {@code days} days before {@code start}. */
  public static Column date_sub(Column start, int days) {
    return date_sub(start, lit(days));
  }

  /** {@code days} days before {@code start}. */
  public static Column date_sub(Column start, Column days) {
    return fn(new DateAdd(e(start), e(days), true));
  }

  /** The days from {@code start} to {@code end}. */
  public static Column datediff(Column end, Column start) {
    return fn(new DateDiff(e(end), e(start)));
  }

  /** A timestamp as text with a Spark datetime pattern ({@code yyyy-MM-dd HH:mm}). */
  public static Column date_format(Column c, String format) {
    return fn(new DateFormat(e(c), Literal.of(format)));
  }

  /** The date the query started, in the session zone (one value per query). */
  public static Column current_date() {
    return fn(CurrentTime.currentDate());
  }

  /** The instant the query started (one value per query). */
  public static Column current_timestamp() {
    return fn(CurrentTime.currentTimestamp());
  }

  // ---- math ----

  /** The absolute value. */
  public static Column abs(Column c) {
    return fn(new Abs(e(c)));
  }

  /** Rounded half up to 0 decimal places. */
  public static Column round(Column c) {
    return round(c, 0);
  }

  /** Rounded half up to {@code scale} decimal places (negative: tens, hundreds...). */
  public static Column round(Column c, int scale) {
    return fn(new Round(e(c), Literal.of(scale), false));
  }

  /** Rounded half to even to 0 decimal places. */
  public static Column bround(Column c) {
    return bround(c, 0);
  }

  /** Rounded half to even to {@code scale} decimal places. */
  public static Column bround(Column c, int scale) {
    return fn(new Round(e(c), Literal.of(scale), true));
  }

  /** The largest whole number not above (bigint, or decimal for decimals). */
  public static Column floor(Column c) {
    return fn(new FloorCeil(e(c), false));
  }

  /** The smallest whole number not below (bigint, or decimal for decimals). */
  public static Column ceil(Column c) {
    return fn(new FloorCeil(e(c), true));
  }

  /** {@code l} raised to {@code r}, as doubles. */
  public static Column pow(Column l, Column r) {
    return fn(new Pow(e(l), e(r)));
  }

  /** {@code l} raised to {@code r}. */
  public static Column pow(Column l, double r) {
    return pow(l, lit(r));
  }

  /** Same as {@link #pow(Column, Column)}. */
  public static Column power(Column l, Column r) {
    return pow(l, r);
  }

  /** The square root (NaN below 0). */
  public static Column sqrt(Column c) {
    return fn(new MathFunction(e(c), MathFunction.Op.SQRT));
  }

  /** e raised to {@code c}. */
  public static Column exp(Column c) {
    return fn(new MathFunction(e(c), MathFunction.Op.EXP));
  }

  /** The natural logarithm; NULL at and below 0. */
  public static Column log(Column c) {
    return ln(c);
  }

  /** The natural logarithm; NULL at and below 0. */
  public static Column ln(Column c) {
    return fn(new MathFunction(e(c), MathFunction.Op.LN));
  }

  /** The base-10 logarithm; NULL at and below 0. */
  public static Column log10(Column c) {
    return fn(new MathFunction(e(c), MathFunction.Op.LOG10));
  }

  /** The base-2 logarithm; NULL at and below 0. */
  public static Column log2(Column c) {
    return fn(new MathFunction(e(c), MathFunction.Op.LOG2));
  }

  /** The cube root. */
  public static Column cbrt(Column c) {
    return fn(new MathFunction(e(c), MathFunction.Op.CBRT));
  }

  /** -1.0, 0.0 or 1.0 by sign. */
  public static Column signum(Column c) {
    return fn(new MathFunction(e(c), MathFunction.Op.SIGNUM));
  }

  /** The non-negative remainder of {@code l / r} for positive {@code r}. */
  public static Column pmod(Column l, Column r) {
    return fn(new Pmod(e(l), e(r)));
  }

  /** {@code -c}. */
  public static Column negate(Column c) {
    return c.unary_minus();
  }

  // ==== end of the expression library block ====
}
