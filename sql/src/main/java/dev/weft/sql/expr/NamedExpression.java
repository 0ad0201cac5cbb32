package dev.weft.sql.expr;

/** An expression with a name and an identity: the columns a plan node outputs. */
public interface NamedExpression extends Expression {
  String name();

  /** The identity that references to this column use (unique within an application). */
  long exprId();

  /** A reference to this column, for the plans above the one that produces it. */
  AttributeReference toAttribute();
}
