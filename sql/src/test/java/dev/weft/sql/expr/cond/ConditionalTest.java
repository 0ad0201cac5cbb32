package dev.weft.sql.expr.cond;

import static dev.weft.sql.expr.Exprs.eval;
import static dev.weft.sql.expr.Exprs.lit;
import static dev.weft.sql.expr.Exprs.nul;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.arith.Divide;
import dev.weft.sql.types.DataTypes;
import java.util.List;
import org.junit.Test;

public class ConditionalTest {
  private static final Expression NULL_INT = nul(DataTypes.IntegerType);
  private static final Expression NULL_BOOL = nul(DataTypes.BooleanType);

  @Test
  public void coalesceTakesTheFirstNonNull() {
    assertEquals(2, eval(new Coalesce(List.of(NULL_INT, lit(2), lit(3)))));
    assertNull(eval(new Coalesce(List.of(NULL_INT, NULL_INT))));
    assertFalse(new Coalesce(List.of(NULL_INT, lit(2))).nullable());
    assertTrue(new Coalesce(List.of(NULL_INT, NULL_INT)).nullable());
  }

  @Test
  public void coalesceDoesNotEvaluatePastTheFirstValue() {
    // the second argument would fail if evaluated (an unbound input)
    Expression unbound = new BoundReference(5, DataTypes.IntegerType, true);
    assertEquals(1, new Coalesce(List.of(lit(1), unbound)).eval(new InternalRow()));
  }

  @Test
  public void ifTreatsNullAsFalse() {
    assertEquals(1, eval(new If(Literal.TRUE, lit(1), lit(2))));
    assertEquals(2, eval(new If(NULL_BOOL, lit(1), lit(2))));
    assertEquals("(IF(true, 1, 2))", new If(Literal.TRUE, lit(1), lit(2)).sql());
    assertTrue(
        new If(lit(1), lit(1), lit(2)).checkInputTypes().startsWith("argument 1 (1) of (IF("));
  }

  @Test
  public void caseWhenTakesTheFirstTrueBranch() {
    CaseWhen c =
        new CaseWhen(
            List.of(NULL_BOOL, Literal.FALSE, Literal.TRUE), List.of(lit(1), lit(2), lit(3)), null);
    assertEquals(3, eval(c));
    assertNull(eval(new CaseWhen(List.of(Literal.FALSE), List.of(lit(1)), null)));
    assertEquals(9, eval(new CaseWhen(List.of(NULL_BOOL), List.of(lit(1)), lit(9))));
    assertTrue(new CaseWhen(List.of(Literal.TRUE), List.of(lit(1)), null).nullable());
    assertFalse(new CaseWhen(List.of(Literal.TRUE), List.of(lit(1)), lit(2)).nullable());
    assertEquals(
        "CASE WHEN true THEN 1 WHEN false THEN 2 ELSE 3 END",
        new CaseWhen(List.of(Literal.TRUE), List.of(lit(1)), null)
            .withBranch(Literal.FALSE, lit(2))
            .withElse(lit(3))
            .sql());
  }

  @Test
  public void caseWhenEvaluatesOnlyTheChosenBranch() {
    Expression unbound = new BoundReference(5, DataTypes.IntegerType, true);
    assertEquals(
        1, new CaseWhen(List.of(Literal.TRUE), List.of(lit(1)), unbound).eval(new InternalRow()));
    assertNull(
        eval(
            new CaseWhen(
                List.of(Literal.TRUE), List.of(new Divide(lit(1.0), lit(0.0))), lit(2.0))));
  }

  @Test
  public void caseWhenChecksItsBranchTypes() {
    assertEquals(
        "differing types in CASE WHEN true THEN 1 ELSE 'a' END: int, string",
        new CaseWhen(List.of(Literal.TRUE), List.of(lit(1)), lit("a")).checkInputTypes());
  }

  @Test
  public void inFollowsThreeValuedLogic() {
    assertEquals(true, eval(new In(lit(2), List.of(lit(1), lit(2)))));
    assertEquals(false, eval(new In(lit(3), List.of(lit(1), lit(2)))));
    assertNull(eval(new In(lit(3), List.of(lit(1), NULL_INT))));
    assertEquals(true, eval(new In(lit(1), List.of(lit(1), NULL_INT))));
    assertNull(eval(new In(NULL_INT, List.of(lit(1)))));
    assertEquals(true, eval(new In(lit(Double.NaN), List.of(lit(Double.NaN)))));
    assertEquals("(1 IN (1, 2))", new In(lit(1), List.of(lit(1), lit(2))).sql());
  }

  @Test
  public void nullIfAndIsNaN() {
    assertNull(eval(new NullIf(lit(1), lit(1))));
    assertEquals(1, eval(new NullIf(lit(1), lit(2))));
    assertEquals(1, eval(new NullIf(lit(1), NULL_INT)));
    assertEquals(true, eval(new IsNaN(lit(Double.NaN))));
    assertEquals(true, eval(new IsNaN(lit(Float.NaN))));
    assertEquals(false, eval(new IsNaN(lit(1.0))));
    assertEquals(false, eval(new IsNaN(nul(DataTypes.DoubleType))));
  }
}
