package dev.weft.sql.expr;

import java.util.List;

/**
 * A function whose arguments the analyzer casts to the types it expects ({@code upper(1)} reads
 * {@code upper(CAST(1 AS STRING))}), as Spark's {@code ImplicitCastInputTypes}. Its default type
 * check refuses arguments that are still not accepted.
 */
public interface ImplicitCastInputTypes extends Expression {

  /** What each argument accepts, in {@link #children()} order. */
  List<InputType> inputTypes();

  @Override
  default String checkInputTypes() {
    return TypeChecks.check(this, inputTypes());
  }
}
