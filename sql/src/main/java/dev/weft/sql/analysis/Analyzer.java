package dev.weft.sql.analysis;

import dev.weft.sql.AnalysisException;
import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.Alias;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.ExprIds;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.NamedExpression;
import dev.weft.sql.expr.Predicates;
import dev.weft.sql.expr.SortOrder;
import dev.weft.sql.expr.UnresolvedAttribute;
import dev.weft.sql.expr.UnresolvedStar;
import dev.weft.sql.expr.complex.GetStructField;
import dev.weft.sql.plan.Aggregate;
import dev.weft.sql.plan.Deduplicate;
import dev.weft.sql.plan.Filter;
import dev.weft.sql.plan.Join;
import dev.weft.sql.plan.JoinType;
import dev.weft.sql.plan.LeafNode;
import dev.weft.sql.plan.LogicalPlan;
import dev.weft.sql.plan.Project;
import dev.weft.sql.plan.Repartition;
import dev.weft.sql.plan.Sort;
import dev.weft.sql.plan.UnaryNode;
import dev.weft.sql.plan.Union;
import dev.weft.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a plan as the API built it into a resolved, type-checked one: binds column names
 * (case-insensitively, with qualifiers), expands {@code *}, names computed columns, gives the
 * second side of a self-join fresh column identities, turns joins {@code USING} columns into a
 * condition and a projection, inserts implicit casts and checks every expression's types. Errors
 * are {@link AnalysisException}s of one line, raised before any task runs.
 */
public final class Analyzer {

  /** The resolved and checked plan. */
  public LogicalPlan analyze(LogicalPlan plan) {
    return plan.transformUp(this::resolveNode);
  }

  /** Resolves one node whose children are resolved, and checks it (resolved or not). */
  private LogicalPlan resolveNode(LogicalPlan node) {
    LogicalPlan resolved;
    if (node instanceof Project p) {
      NameResolver r = resolver(p.child());
      List<Expression> list = new ArrayList<>();
      for (Expression e : p.projectList()) {
        if (e instanceof UnresolvedStar s) {
          list.addAll(expandStar(s, p.child()));
        } else {
          list.add(named(checked(r.resolve(e), "select")));
        }
      }
      checkNoAggregates(list, "select");
      resolved = new Project(list, p.child());
    } else if (node instanceof Filter f) {
      Expression c = checked(resolver(f.child()).resolve(f.condition()), "filter");
      requireBoolean(c, "filter");
      checkNoAggregates(List.of(c), "filter");
      resolved = new Filter(c, f.child());
    } else if (node instanceof Aggregate a) {
      resolved = resolveAggregate(a);
    } else if (node instanceof Sort s) {
      resolved = resolveSort(s);
    } else if (node instanceof Join j) {
      resolved = resolveJoin(j);
    } else if (node instanceof Union u) {
      resolved = resolveUnion(u);
    } else if (node instanceof Deduplicate d) {
      NameResolver r = resolver(d.child());
      List<Expression> keys = new ArrayList<>();
      for (Expression k : d.keys()) {
        keys.add(r.resolve(k));
      }
      resolved = new Deduplicate(keys, d.child());
    } else if (node instanceof Repartition rp) {
      NameResolver r = resolver(rp.child());
      List<Expression> exprs = new ArrayList<>();
      for (Expression e : rp.partitionExprs()) {
        exprs.add(checked(r.resolve(e), "repartition"));
      }
      resolved = new Repartition(rp.numPartitions(), exprs, rp.child());
    } else {
      resolved = node;
    }
    if (!resolved.resolved()) {
      throw new AnalysisException(
          "Cannot resolve " + resolved.nodeName() + " " + resolved.argString());
    }
    return resolved;
  }

  /**
   * A sort's keys, bound to its input; keys that a projection below dropped are taken from the
   * projection's input (as Spark does for {@code select("name").orderBy("age")}): the projection
   * keeps them for the sort and a projection above drops them again.
   */
  private LogicalPlan resolveSort(Sort s) {
    NameResolver r = resolver(s.child());
    try {
      List<SortOrder> order = new ArrayList<>();
      for (SortOrder o : s.order()) {
        order.add((SortOrder) checked(r.resolve(o), "sort"));
      }
      return new Sort(order, s.global(), s.child());
    } catch (AnalysisException missing) {
      if (!(s.child() instanceof Project p) || !p.resolved()) {
        throw missing;
      }
      NameResolver below = resolver(p.child());
      List<Expression> extended = new ArrayList<>(p.projectList());
      List<SortOrder> order = new ArrayList<>();
      for (SortOrder o : s.order()) {
        Expression bound;
        try {
          bound = r.resolve(o);
        } catch (AnalysisException e) {
          bound = below.resolve(o);
          for (AttributeReference a : bound.references()) {
            if (!extended.contains(a)) {
              extended.add(a);
            }
          }
        }
        order.add((SortOrder) checked(bound, "sort"));
      }
      return new Project(
          List.copyOf(p.output()), new Sort(order, s.global(), new Project(extended, p.child())));
    }
  }

  private static NameResolver resolver(LogicalPlan child) {
    LogicalPlan p = child;
    while (p instanceof UnaryNode u && !(p instanceof Aggregate) && !(p instanceof Project)) {
      p = u.child();
    }
    if (p instanceof Join j && j.joinType().outputsRight()) {
      return new NameResolver(
          child.output(), new HashSet<>(j.left().output()), new HashSet<>(j.right().output()));
    }
    return new NameResolver(child.output(), null, null);
  }

  private static List<Expression> expandStar(UnresolvedStar s, LogicalPlan child) {
    List<Expression> out = new ArrayList<>();
    for (AttributeReference a : child.output()) {
      if (s.qualifier().isEmpty()
          || (!a.qualifier().isEmpty()
              && a.qualifier()
                  .get(a.qualifier().size() - 1)
                  .equalsIgnoreCase(s.qualifier().get(s.qualifier().size() - 1)))) {
        out.add(a);
      }
    }
    if (out.isEmpty() && !s.qualifier().isEmpty()) {
      throw new AnalysisException(
          "Cannot expand '" + s.sql() + "': no columns are qualified " + s.qualifier());
    }
    return out;
  }

  /** A named column for {@code e}: itself when named, else aliased to its SQL text, as Spark. */
  private static NamedExpression named(Expression e) {
    if (e instanceof NamedExpression n) {
      return n;
    }
    if (e instanceof GetStructField f) {
      return new Alias(e, f.name()); // Spark names s.a "a"
    }
    return new Alias(e, e.sql());
  }

  /**
   * {@code e} with implicit casts, after checking every node's input types: the first node (from
   * the leaves) whose types are wrong fails with its one-line message.
   */
  static Expression checked(Expression e, String clause) {
    Expression coerced = ImplicitCasts.coerce(e);
    coerced.transformUp(
        x -> {
          if (x.childrenResolved() && !(x instanceof UnresolvedAttribute)) {
            String problem = x.checkInputTypes();
            if (problem != null) {
              throw new AnalysisException(problem + " (in " + clause + ")");
            }
          }
          return x;
        });
    return coerced;
  }

  private static void requireBoolean(Expression c, String clause) {
    if (!c.dataType().equals(DataTypes.BooleanType) && !c.dataType().equals(DataTypes.NullType)) {
      throw new AnalysisException(
          "The "
              + clause
              + " condition "
              + c.sql()
              + " must be boolean, not "
              + c.dataType().simpleString());
    }
  }

  private static void checkNoAggregates(List<? extends Expression> exprs, String clause) {
    for (Expression e : exprs) {
      for (Expression agg : e.collect(x -> x instanceof AggregateFunction)) {
        throw new AnalysisException(
            "Aggregate function "
                + agg.sql()
                + " is not allowed in "
                + clause
                + "; use groupBy(...).agg(...) or agg(...)");
      }
    }
  }

  private LogicalPlan resolveAggregate(Aggregate a) {
    NameResolver r = resolver(a.child());
    List<Expression> grouping = new ArrayList<>();
    for (Expression g : a.groupingExprs()) {
      Expression e = checked(r.resolve(g), "group by");
      checkNoAggregates(List.of(e), "group by");
      grouping.add(e);
    }
    List<Expression> aggs = new ArrayList<>();
    for (Expression e : a.aggregateExprs()) {
      if (e instanceof UnresolvedStar s) {
        aggs.addAll(expandStar(s, a.child()));
        continue;
      }
      aggs.add(named(checked(r.resolve(e), "aggregate")));
    }
    for (Expression e : aggs) {
      checkGrouped(e, grouping, e);
    }
    return new Aggregate(grouping, aggs, a.child());
  }

  /** Every column outside an aggregate function must be a grouping expression. */
  private static void checkGrouped(Expression e, List<Expression> grouping, Expression whole) {
    if (e instanceof AggregateFunction f) {
      for (Expression c : f.children()) {
        if (c.exists(x -> x instanceof AggregateFunction)) {
          throw new AnalysisException("Aggregate function calls cannot be nested: " + f.sql());
        }
      }
      return;
    }
    if (!(e instanceof Alias) && grouping.contains(e)) {
      return;
    }
    if (e instanceof AttributeReference a) {
      throw new AnalysisException(
          "Column '"
              + a.name()
              + "' in "
              + whole.sql()
              + " is neither grouped nor inside an aggregate function; add it to groupBy or"
              + " aggregate it");
    }
    for (Expression c : e.children()) {
      checkGrouped(c, grouping, whole);
    }
  }

  private LogicalPlan resolveJoin(Join j) {
    LogicalPlan right = j.right();
    Set<AttributeReference> leftAttrs = new HashSet<>(j.left().output());
    if (right.output().stream().anyMatch(leftAttrs::contains)) {
      right = freshIdentities(right);
    }
    if (!j.usingColumns().isEmpty()) {
      return resolveUsing(j.left(), right, j.joinType(), j.usingColumns());
    }
    Expression cond = j.condition();
    if (cond != null) {
      List<AttributeReference> input = new ArrayList<>(j.left().output());
      input.addAll(right.output());
      NameResolver r =
          new NameResolver(input, new HashSet<>(j.left().output()), new HashSet<>(right.output()));
      cond = checked(r.resolve(cond), "join condition");
      requireBoolean(cond, "join");
      checkNoAggregates(List.of(cond), "join condition");
    }
    return new Join(j.left(), right, j.joinType(), cond);
  }

  /**
   * A join {@code USING} columns: equality of the named columns of both sides, and the output of
   * Spark: the keys once (the left's, the right's for a right join, coalesced for a full join),
   * then the other columns of the left and of the right.
   */
  private LogicalPlan resolveUsing(
      LogicalPlan left, LogicalPlan right, JoinType type, List<String> names) {
    NameResolver lr = new NameResolver(left.output(), null, null);
    NameResolver rr = new NameResolver(right.output(), null, null);
    List<Expression> conds = new ArrayList<>();
    List<AttributeReference> lkeys = new ArrayList<>();
    List<AttributeReference> rkeys = new ArrayList<>();
    for (String n : names) {
      AttributeReference l = resolveSide(lr, n, "left");
      AttributeReference r = resolveSide(rr, n, "right");
      lkeys.add(l);
      rkeys.add(r);
      conds.add(checked(new EqualTo(l, r), "join USING " + n));
    }
    Join join = new Join(left, right, type, Predicates.and(conds));
    List<AttributeReference> out = join.output();
    Map<Long, AttributeReference> outById = new HashMap<>();
    for (AttributeReference a : out) {
      outById.put(a.exprId(), a);
    }
    List<Expression> project = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      AttributeReference l = outById.get(lkeys.get(i).exprId());
      AttributeReference r = outById.get(rkeys.get(i).exprId());
      switch (type) {
        case RIGHT_OUTER -> project.add(r);
        case FULL_OUTER -> project.add(new Alias(new UsingKey(l, r), lkeys.get(i).name()));
        default -> project.add(l);
      }
    }
    Set<AttributeReference> keys = new LinkedHashSet<>(lkeys);
    keys.addAll(rkeys);
    for (AttributeReference a : out) {
      if (!keys.contains(a)) {
        project.add(a);
      }
    }
    return new Project(project, join);
  }

  private static AttributeReference resolveSide(NameResolver r, String name, String side) {
    try {
      return r.resolve(UnresolvedAttribute.quoted(name));
    } catch (AnalysisException e) {
      throw new AnalysisException(
          "USING column '" + name + "' on the " + side + " side: " + e.getMessage());
    }
  }

  private LogicalPlan resolveUnion(Union u) {
    List<LogicalPlan> children = new ArrayList<>(u.children());
    List<AttributeReference> first = children.get(0).output();
    for (int i = 1; i < children.size(); i++) {
      LogicalPlan c = children.get(i);
      if (u.byName()) {
        NameResolver r = new NameResolver(c.output(), null, null);
        List<Expression> list = new ArrayList<>();
        for (AttributeReference a : first) {
          list.add(r.resolve(new UnresolvedAttribute(List.of(a.name()))));
        }
        if (c.output().size() != first.size()) {
          throw new AnalysisException(
              "unionByName needs the same columns on both sides: left has "
                  + first.stream().map(AttributeReference::name).toList()
                  + ", right has "
                  + c.output().stream().map(AttributeReference::name).toList());
        }
        c = new Project(list, c);
        children.set(i, c);
      }
      List<AttributeReference> out = c.output();
      if (out.size() != first.size()) {
        throw new AnalysisException(
            "Union needs the same number of columns: the first input has "
                + first.size()
                + ", input "
                + (i + 1)
                + " has "
                + out.size());
      }
      for (int k = 0; k < out.size(); k++) {
        if (!out.get(k).dataType().equals(first.get(k).dataType())) {
          throw new AnalysisException(
              "Union column "
                  + (k + 1)
                  + " ("
                  + first.get(k).name()
                  + ") is "
                  + first.get(k).dataType().simpleString()
                  + " in the first input but "
                  + out.get(k).dataType().simpleString()
                  + " in input "
                  + (i + 1));
        }
      }
    }
    return new Union(children, false);
  }

  /**
   * The plan with new identities for every column it produces, for the second side of a self-join:
   * relations get fresh attributes, aliases fresh ids, and references follow.
   */
  static LogicalPlan freshIdentities(LogicalPlan plan) {
    Map<Long, AttributeReference> mapping = new HashMap<>();
    return plan.transformUp(
        node -> {
          if (node instanceof LeafNode leaf) {
            LeafNode fresh = leaf.newInstance();
            List<AttributeReference> before = leaf.output();
            List<AttributeReference> after = fresh.output();
            for (int i = 0; i < before.size(); i++) {
              mapping.put(before.get(i).exprId(), after.get(i));
            }
            return fresh;
          }
          return node.mapExpressions(
              e -> {
                Expression replaced =
                    e.transformUp(
                        x -> {
                          if (x instanceof AttributeReference a
                              && mapping.containsKey(a.exprId())) {
                            AttributeReference m = mapping.get(a.exprId());
                            return new AttributeReference(
                                a.name(), a.dataType(), a.nullable(), m.exprId(), a.qualifier());
                          }
                          return x;
                        });
                if (replaced instanceof Alias al) {
                  Alias fresh = new Alias(al.child(), al.name(), ExprIds.next(), al.qualifier());
                  mapping.put(al.exprId(), fresh.toAttribute());
                  return fresh;
                }
                return replaced;
              });
        });
  }
}
