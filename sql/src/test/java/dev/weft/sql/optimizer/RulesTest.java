package dev.weft.sql.optimizer;

import static org.junit.Assert.assertEquals;

import dev.weft.sql.RowFactory;
import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.And;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Count;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.GreaterThan;
import dev.weft.sql.expr.IsNotNull;
import dev.weft.sql.expr.LessThan;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.Or;
import dev.weft.sql.plan.Aggregate;
import dev.weft.sql.plan.Deduplicate;
import dev.weft.sql.plan.Distinct;
import dev.weft.sql.plan.FileRelation;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.Join;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.LocalRelation;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Project;
import dev.weft.sql.sources.InMemoryFileSource;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Each optimizer rule on a small plan: the plan before and after, as explain shows them. */
public class RulesTest {
  private static AttributeReference attr(String name, long id) {
    return new AttributeReference(name, DataTypes.IntegerType, true, id, List.of());
  }

  private final AttributeReference a = attr("a", 1);
  private final AttributeReference b = attr("b", 2);
  private final AttributeReference c = attr("c", 3);
  private final AttributeReference d = attr("d", 4);
  private final LocalRelation t = new LocalRelation(List.of(a, b), List.of());
  private final LocalRelation u = new LocalRelation(List.of(c, d), List.of());

  private static void assertRewrite(
      Rule rule, LogicalPlan before, String expectedBefore, String expectedAfter) {
    assertEquals(expectedBefore, before.treeString());
    assertEquals(expectedAfter, rule.apply(before).treeString());
  }

  private static Expression lit(int v) {
    return Literal.of(v);
  }

  @Test
  public void constantFoldingEvaluatesExpressionsWithoutInputs() {
    assertRewrite(
        new ConstantFolding(),
        new Filter(new And(new GreaterThan(a, lit(1)), new LessThan(lit(1), lit(2))), t),
        "Filter ((a#1 > 1) AND (1 < 2))\n+- LocalRelation [a#1, b#2], 0 rows\n",
        "Filter ((a#1 > 1) AND true)\n+- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void booleanSimplificationDropsConstantOperands() {
    assertRewrite(
        new BooleanSimplification(),
        new Filter(
            new Or(new And(Literal.TRUE, new GreaterThan(a, lit(1))), Literal.FALSE),
            new Filter(new Not(new Not(new EqualTo(b, lit(2)))), t)),
        "Filter ((true AND (a#1 > 1)) OR false)\n"
            + "+- Filter (NOT (NOT (b#2 = 2)))\n"
            + "   +- LocalRelation [a#1, b#2], 0 rows\n",
        "Filter (a#1 > 1)\n+- Filter (b#2 = 2)\n   +- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void pruneFiltersRemovesTrueAndEmptiesFalse() {
    assertRewrite(
        new PruneFilters(),
        new Project(List.of(a), new Filter(Literal.TRUE, new Filter(Literal.FALSE, t))),
        "Project [a#1]\n+- Filter true\n   +- Filter false\n      +- LocalRelation [a#1, b#2], 0 rows\n",
        "Project [a#1]\n+- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void combineFiltersMergesAdjacentFilters() {
    assertRewrite(
        new CombineFilters(),
        new Filter(new GreaterThan(a, lit(1)), new Filter(new LessThan(b, lit(5)), t)),
        "Filter (a#1 > 1)\n+- Filter (b#2 < 5)\n   +- LocalRelation [a#1, b#2], 0 rows\n",
        "Filter ((b#2 < 5) AND (a#1 > 1))\n+- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void collapseProjectSubstitutesInnerAliases() {
    Alias x = new Alias(new GreaterThan(a, lit(0)), "x", 10, List.of());
    assertRewrite(
        new CollapseProject(),
        new Project(
            List.of(x.toAttribute(), new Alias(new Not(x.toAttribute()), "y", 11, List.of())),
            new Project(List.of(x, b), t)),
        "Project [x#10, (NOT x#10) AS y#11]\n"
            + "+- Project [(a#1 > 0) AS x#10, b#2]\n"
            + "   +- LocalRelation [a#1, b#2], 0 rows\n",
        "Project [(a#1 > 0) AS x#10, (NOT (a#1 > 0)) AS y#11]\n+- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void removeNoopProjectDropsIdentityProjection() {
    assertRewrite(
        new RemoveNoopProject(),
        new Filter(new GreaterThan(a, lit(1)), new Project(List.of(a, b), t)),
        "Filter (a#1 > 1)\n+- Project [a#1, b#2]\n   +- LocalRelation [a#1, b#2], 0 rows\n",
        "Filter (a#1 > 1)\n+- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void predicatePushdownThroughProjectRewritesAliases() {
    Alias x = new Alias(a, "x", 10, List.of());
    assertRewrite(
        new PushPredicateThroughProject(),
        new Filter(new GreaterThan(x.toAttribute(), lit(1)), new Project(List.of(x), t)),
        "Filter (x#10 > 1)\n+- Project [a#1 AS x#10]\n   +- LocalRelation [a#1, b#2], 0 rows\n",
        "Project [a#1 AS x#10]\n+- Filter (a#1 > 1)\n   +- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void predicatePushdownIntoBothSidesOfAnInnerJoin() {
    Join join = new Join(t, u, JoinType.INNER, new EqualTo(a, c));
    assertRewrite(
        new PushPredicateThroughJoin(),
        new Filter(
            new And(
                new And(new GreaterThan(b, lit(1)), new LessThan(d, lit(2))), new LessThan(b, d)),
            join),
        "Filter (((b#2 > 1) AND (d#4 < 2)) AND (b#2 < d#4))\n"
            + "+- Join Inner, (a#1 = c#3)\n"
            + "   :- LocalRelation [a#1, b#2], 0 rows\n"
            + "   +- LocalRelation [c#3, d#4], 0 rows\n",
        "Join Inner, ((a#1 = c#3) AND (b#2 < d#4))\n"
            + ":- Filter (b#2 > 1)\n"
            + ":  +- LocalRelation [a#1, b#2], 0 rows\n"
            + "+- Filter (d#4 < 2)\n"
            + "   +- LocalRelation [c#3, d#4], 0 rows\n");
  }

  @Test
  public void predicatePushdownKeepsFiltersOnTheNullSupplyingSideAboveAnOuterJoin() {
    Join join =
        new Join(t, u, JoinType.LEFT_OUTER, new And(new EqualTo(a, c), new GreaterThan(d, lit(0))));
    assertRewrite(
        new PushPredicateThroughJoin(),
        new Filter(new And(new GreaterThan(b, lit(1)), new IsNotNull(d)), join),
        "Filter ((b#2 > 1) AND (d#4 IS NOT NULL))\n"
            + "+- Join LeftOuter, ((a#1 = c#3) AND (d#4 > 0))\n"
            + "   :- LocalRelation [a#1, b#2], 0 rows\n"
            + "   +- LocalRelation [c#3, d#4], 0 rows\n",
        "Filter (d#4 IS NOT NULL)\n"
            + "+- Join LeftOuter, (a#1 = c#3)\n"
            + "   :- Filter (b#2 > 1)\n"
            + "   :  +- LocalRelation [a#1, b#2], 0 rows\n"
            + "   +- Filter (d#4 > 0)\n"
            + "      +- LocalRelation [c#3, d#4], 0 rows\n");
    // the join condition's right-only conjunct goes into the right side
    assertEquals(
        "Join LeftOuter, (a#1 = c#3)\n"
            + ":- LocalRelation [a#1, b#2], 0 rows\n"
            + "+- Filter (d#4 > 0)\n"
            + "   +- LocalRelation [c#3, d#4], 0 rows\n",
        new PushPredicateThroughJoin().apply(join).treeString());
  }

  @Test
  public void eliminateOuterJoinWhenAFilterRejectsThePaddedRows() {
    assertRewrite(
        new EliminateOuterJoin(),
        new Filter(
            new GreaterThan(d, lit(0)), new Join(t, u, JoinType.LEFT_OUTER, new EqualTo(a, c))),
        "Filter (d#4 > 0)\n"
            + "+- Join LeftOuter, (a#1 = c#3)\n"
            + "   :- LocalRelation [a#1, b#2], 0 rows\n"
            + "   +- LocalRelation [c#3, d#4], 0 rows\n",
        "Filter (d#4 > 0)\n"
            + "+- Join Inner, (a#1 = c#3)\n"
            + "   :- LocalRelation [a#1, b#2], 0 rows\n"
            + "   +- LocalRelation [c#3, d#4], 0 rows\n");
    LogicalPlan keepsNulls =
        new Filter(
            new Or(new dev.weft.sql.expr.IsNull(d), new GreaterThan(d, lit(0))),
            new Join(t, u, JoinType.LEFT_OUTER, new EqualTo(a, c)));
    assertEquals(keepsNulls, new EliminateOuterJoin().apply(keepsNulls));
  }

  @Test
  public void replaceDistinctWithAggregateGroupsByEveryColumn() {
    assertRewrite(
        new ReplaceDistinctWithAggregate(),
        new Distinct(t),
        "Distinct\n+- LocalRelation [a#1, b#2], 0 rows\n",
        "Aggregate [a#1, b#2], [a#1, b#2]\n+- LocalRelation [a#1, b#2], 0 rows\n");
  }

  @Test
  public void replaceDeduplicateKeepsAnyValueOfTheOtherColumns() {
    assertRewrite(
        new ReplaceDeduplicateWithAggregate(),
        new Deduplicate(List.of(a), t),
        "Deduplicate [a#1]\n+- LocalRelation [a#1, b#2], 0 rows\n",
        "Aggregate [a#1], [a#1, any_value(b#2) AS b#2]\n+- LocalRelation [a#1, b#2], 0 rows\n");
  }

  private FileRelation fileRelation() {
    StructType schema =
        StructType.of(
            dev.weft.sql.types.DataTypes.createStructField("a", DataTypes.IntegerType, true),
            dev.weft.sql.types.DataTypes.createStructField("b", DataTypes.IntegerType, true),
            dev.weft.sql.types.DataTypes.createStructField("p", DataTypes.IntegerType, true));
    InMemoryFileSource source =
        new InMemoryFileSource(
            schema,
            List.of("p"),
            List.of(
                new InMemoryFileSource.Partition(
                    Map.of("p", 1), List.of(RowFactory.create(1, 2, 1)))));
    AttributeReference p = attr("p", 5);
    return new FileRelation(source, List.of(a, b, p), List.of(a, b, p), List.of());
  }

  @Test
  public void filtersArePushedIntoTheScanAsSourceFilters() {
    FileRelation r = fileRelation();
    AttributeReference p = r.allColumns().get(2);
    assertRewrite(
        new PushFiltersIntoScan(),
        new Filter(
            new And(
                new EqualTo(p, lit(1)), new And(new LessThan(lit(3), a), new GreaterThan(a, b))),
            r),
        "Filter ((p#5 = 1) AND ((3 < a#1) AND (a#1 > b#2)))\n+- Relation memory [a#1, b#2, p#5]\n",
        "Filter ((p#5 = 1) AND ((3 < a#1) AND (a#1 > b#2)))\n"
            + "+- Relation memory [a#1, b#2, p#5], PushedFilters: [EqualTo(p,1), GreaterThan(a,3)]\n");
  }

  @Test
  public void scanColumnsArePrunedToThoseTheQueryReads() {
    FileRelation r = fileRelation();
    assertRewrite(
        new PruneScanColumns(),
        new Project(List.of(b), new Filter(new GreaterThan(a, lit(0)), r)),
        "Project [b#2]\n+- Filter (a#1 > 0)\n   +- Relation memory [a#1, b#2, p#5]\n",
        "Project [b#2]\n+- Filter (a#1 > 0)\n   +- Relation memory [a#1, b#2]\n");
  }

  @Test
  public void theOptimizerRunsTheRulesToAFixedPoint() {
    Alias x = new Alias(a, "x", 10, List.of());
    LogicalPlan plan =
        new Filter(
            new And(new GreaterThan(x.toAttribute(), lit(1)), new LessThan(lit(1), lit(2))),
            new Project(List.of(x), new Filter(new GreaterThan(b, lit(0)), t)));
    assertEquals(
        "Project [a#1 AS x#10]\n"
            + "+- Filter ((b#2 > 0) AND (a#1 > 1))\n"
            + "   +- LocalRelation [a#1, b#2], 0 rows\n",
        new Optimizer().execute(plan).treeString());
    assertEquals(
        "Aggregate [], [count(1) AS n#20]\n+- LocalRelation [a#1, b#2], 0 rows\n",
        new Optimizer()
            .execute(
                new Aggregate(List.of(), List.of(new Alias(Count.star(), "n", 20, List.of())), t))
            .treeString());
  }
}
