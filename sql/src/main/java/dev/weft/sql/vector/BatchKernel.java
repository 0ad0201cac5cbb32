package dev.weft.sql.vector;

/**
 * The base of the classes generated (and compiled with Janino) to evaluate one expression over a
 * column batch; public only because generated classes extend it. Not an API.
 */
public abstract class BatchKernel {
  /** Values the generated code refers to (string and decimal literals). */
  protected final Object[] refs;

  protected BatchKernel(Object[] refs) {
    this.refs = refs;
  }

  /**
   * For a predicate: writes to {@code out} the indexes of the selected rows of {@code batch} for
   * which it is TRUE (in order) and returns how many.
   */
  public int select(ColumnBatch batch, int[] out) {
    throw new UnsupportedOperationException("not a predicate");
  }

  /** For a value: writes the value of every selected row of {@code batch} to {@code out}. */
  public void evaluate(ColumnBatch batch, HeapColumnVector out) {
    throw new UnsupportedOperationException("not a value");
  }
}
