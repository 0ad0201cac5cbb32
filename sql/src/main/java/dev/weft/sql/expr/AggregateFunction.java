package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.util.List;

/**
 * An aggregate ({@code sum}, {@code count}, ...): evaluated over groups of rows through a buffer of
 * slots rather than by {@link #eval}. The buffer holds internal values of {@link #bufferTypes()},
 * so that partial results can be written as rows and shuffled: a partial aggregation calls {@link
 * #update} per input row, a final one {@link #merge}s partial buffers, and {@link #evaluate} turns
 * a buffer into the result. {@code offset} is where this function's slots start in a buffer shared
 * by all aggregates of a group.
 *
 * <p>The children are evaluated by {@link #update} against the input row; they must be bound to the
 * input's ordinals before.
 */
public interface AggregateFunction extends Expression {

  /** The types of this function's buffer slots. */
  List<DataType> bufferTypes();

  /** Sets this function's slots to the empty group's state. */
  void initialize(Object[] buffer, int offset);

  /** Adds one input row to the buffer. */
  void update(Object[] buffer, int offset, InternalRow input);

  /** Adds a partial buffer ({@code partial}, from {@code partialOffset}) to the buffer. */
  void merge(Object[] buffer, int offset, Object[] partial, int partialOffset);

  /** The aggregate's value for a buffer. */
  Object evaluate(Object[] buffer, int offset);

  @Override
  default Object eval(InternalRow input) {
    throw new UnsupportedOperationException(
        "aggregate " + sql() + " cannot be evaluated outside an aggregation");
  }

  @Override
  default boolean foldable() {
    return false;
  }
}
