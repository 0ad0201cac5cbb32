package dev.weft.sql.expr.string;

import static dev.weft.sql.expr.Exprs.eval;
import static dev.weft.sql.expr.Exprs.lit;
import static dev.weft.sql.expr.Exprs.nul;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import org.junit.Test;

public class StringFunctionsTest {
  private static final Expression NULL_STRING = nul(DataTypes.StringType);

  private static Object substr(String s, int pos, int len) {
    return eval(new Substring(lit(s), lit(pos), lit(len)));
  }

  @Test
  public void substringIsOneBasedAndCountsNegativePositionsFromTheEnd() {
    assertEquals("Spark", substr("Spark SQL", 1, 5));
    assertEquals("Spark", substr("Spark SQL", 0, 5));
    assertEquals("SQL", substr("Spark SQL", -3, 3));
    assertEquals("SQ", substr("Spark SQL", -3, 2));
    assertEquals("Spark SQL", substr("Spark SQL", -100, Integer.MAX_VALUE));
    assertEquals("S", substr("Spark SQL", -10, 2)); // starts before the string: the part left
    assertEquals("", substr("Spark SQL", 20, 3));
    assertEquals("", substr("Spark SQL", 2, -1));
    assertEquals("😀b", substr("a😀b", 2, 2)); // characters, not UTF-16 units
    assertNull(eval(new Substring(NULL_STRING, lit(1), lit(1))));
  }

  @Test
  public void concatIsNullIfAnyArgumentIsButConcatWsSkipsNulls() {
    assertEquals("ab", eval(new Concat(List.of(lit("a"), lit("b")))));
    assertNull(eval(new Concat(List.of(lit("a"), NULL_STRING))));
    assertEquals("a-c", eval(new ConcatWs(List.of(lit("-"), lit("a"), NULL_STRING, lit("c")))));
    assertNull(eval(new ConcatWs(List.of(NULL_STRING, lit("a")))));
    assertEquals("", eval(new ConcatWs(List.of(lit("-")))));
  }

  @Test
  public void trimRemovesOnlySpacesUnlessGivenCharacters() {
    Expression padded = lit("  a b\t ");
    assertEquals("a b\t", eval(new StringTrim(padded, null, StringTrim.Side.BOTH)));
    assertEquals("a b\t ", eval(new StringTrim(padded, null, StringTrim.Side.LEADING)));
    assertEquals("  a b\t", eval(new StringTrim(padded, null, StringTrim.Side.TRAILING)));
    assertEquals("b", eval(new StringTrim(lit("xxbyx"), lit("xy"), StringTrim.Side.BOTH)));
    assertEquals("trim(' a ')", new StringTrim(lit(" a "), null, StringTrim.Side.BOTH).sql());
  }

  @Test
  public void lengthCountsCodePointsAndCaseIsLocaleIndependent() {
    assertEquals(3, eval(new Length(lit("a😀b"))));
    assertEquals(0, eval(new Length(lit(""))));
    assertEquals(4, eval(new Length(lit(new byte[] {1, 2, 3, 4}))));
    assertEquals("TITLE", eval(new Upper(lit("title"))));
    assertEquals("title", eval(new Lower(lit("TITLE"))));
    assertEquals(
        "upper(name)", new Upper(new dev.weft.sql.expr.UnresolvedAttribute(List.of("name"))).sql());
  }

  @Test
  public void likeMatchesTheWholeStringWithWildcardsAndEscapes() {
    assertEquals(true, eval(new Like(lit("Spark"), lit("S%k"))));
    assertEquals(true, eval(new Like(lit("Spark"), lit("_park"))));
    assertEquals(false, eval(new Like(lit("Spark"), lit("park"))));
    assertEquals(false, eval(new Like(lit("spark"), lit("S%"))));
    assertEquals(true, eval(new Like(lit("a\nb"), lit("a%b"))));
    assertEquals(true, eval(new Like(lit("50%"), lit("50\\%"))));
    assertEquals(false, eval(new Like(lit("500"), lit("50\\%"))));
    assertEquals(true, eval(new Like(lit("a.c"), lit("a.c"))));
    assertEquals(false, eval(new Like(lit("abc"), lit("a.c"))));
    assertEquals(true, eval(new Like(lit("a_c"), lit("a#_c"), '#')));
    assertNull(eval(new Like(NULL_STRING, lit("%"))));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> eval(new Like(lit("a"), lit("a\\b"))));
    assertTrue(e.getMessage(), e.getMessage().contains("may only precede"));
    assertThrows(IllegalArgumentException.class, () -> eval(new Like(lit("a"), lit("a\\"))));
  }

  @Test
  public void rlikeFindsTheRegexAnywhere() {
    assertEquals(true, eval(new RLike(lit("Spark SQL"), lit("SQ+"))));
    assertEquals(false, eval(new RLike(lit("Spark SQL"), lit("^SQL"))));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> eval(new RLike(lit("a"), lit("("))));
    assertTrue(
        e.getMessage(), e.getMessage().startsWith("Invalid regular expression '(' in rlike"));
  }

  @Test
  public void regexpExtractGivesEmptyStringWithoutAMatch() {
    Expression s = lit("100-200");
    assertEquals("100", eval(new RegExpExtract(s, lit("(\\d+)-(\\d+)"), lit(1))));
    assertEquals("200", eval(new RegExpExtract(s, lit("(\\d+)-(\\d+)"), lit(2))));
    assertEquals("100-200", eval(new RegExpExtract(s, lit("(\\d+)-(\\d+)"), lit(0))));
    assertEquals("", eval(new RegExpExtract(s, lit("(x)"), lit(1))));
    assertEquals("", eval(new RegExpExtract(lit("b"), lit("(a)?b"), lit(1))));
    assertThrows(
        IllegalArgumentException.class, () -> eval(new RegExpExtract(s, lit("(\\d+)"), lit(2))));
  }

  @Test
  public void regexpReplaceReplacesEveryMatchWithGroupReferences() {
    assertEquals(
        "200-100", eval(new RegExpReplace(lit("100-200"), lit("(\\d+)-(\\d+)"), lit("$2-$1"))));
    assertEquals("a_b_c", eval(new RegExpReplace(lit("a b  c"), lit("\\s+"), lit("_"))));
    assertEquals("abc", eval(new RegExpReplace(lit("abc"), lit("x"), lit("y"))));
  }

  @Test
  public void splitKeepsTrailingEmptyStringsAndHonoursTheLimit() {
    assertEquals(List.of("a", "b", "", ""), eval(new StringSplit(lit("a,b,,"), lit(","), lit(-1))));
    assertEquals(List.of("a", "b", "", ""), eval(new StringSplit(lit("a,b,,"), lit(","), lit(0))));
    assertEquals(List.of("a", "b,,"), eval(new StringSplit(lit("a,b,,"), lit(","), lit(2))));
    assertEquals(
        List.of("a", "b", "c"), eval(new StringSplit(lit("a1b22c"), lit("\\d+"), lit(-1))));
    assertEquals(List.of("a", "😀", "b"), eval(new StringSplit(lit("a😀b"), lit(""), lit(-1))));
    assertEquals(List.of(""), eval(new StringSplit(lit(""), lit(","), lit(-1))));
    assertEquals(
        DataTypes.createArrayType(DataTypes.StringType, false),
        new StringSplit(lit(""), lit(","), lit(-1)).dataType());
  }

  @Test
  public void padsAndPositions() {
    assertEquals("??hi", eval(new StringPad(lit("hi"), lit(4), lit("?"), true)));
    assertEquals("hi?!?", eval(new StringPad(lit("hi"), lit(5), lit("?!"), false)));
    assertEquals("h", eval(new StringPad(lit("hi"), lit(1), lit("?"), true)));
    assertEquals("", eval(new StringPad(lit("hi"), lit(-1), lit("?"), true)));
    assertEquals("hi", eval(new StringPad(lit("hi"), lit(5), lit(""), true)));
    assertEquals(3, eval(new StringLocate(lit("c"), lit("abcabc"), lit(1))));
    assertEquals(6, eval(new StringLocate(lit("c"), lit("abcabc"), lit(4))));
    assertEquals(0, eval(new StringLocate(lit("z"), lit("abc"), lit(1))));
    assertEquals(0, eval(new StringLocate(lit("a"), lit("abc"), lit(0))));
    assertEquals(0, eval(new StringLocate(lit("a"), lit("abc"), nul(DataTypes.IntegerType))));
    assertEquals(3, eval(new StringLocate(lit("b"), lit("😀ab"), lit(1))));
    assertEquals(
        true, eval(new StringPredicate(lit("Spark"), lit("Sp"), StringPredicate.Kind.STARTS_WITH)));
    assertEquals(
        false, eval(new StringPredicate(lit("Spark"), lit("Sp"), StringPredicate.Kind.ENDS_WITH)));
    assertEquals(
        true, eval(new StringPredicate(lit("Spark"), lit("par"), StringPredicate.Kind.CONTAINS)));
  }

  @Test
  public void functionsRefuseArgumentsOfTheWrongType() {
    assertEquals(
        "argument 1 (1) of upper(1) must be string, not int", new Upper(lit(1)).checkInputTypes());
  }
}
