package dev.weft.sql.vector;

import dev.weft.sql.expr.InternalRow;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The values of a run of rows, one {@link ColumnVector} per column, and optionally a selection
 * vector: the indexes, in increasing order, of the rows still selected (by filters evaluated over
 * the batch); without one every row is selected. Once handed downstream a batch's values do not
 * change, so row views of it stay valid.
 */
public final class ColumnBatch {
  private final ColumnVector[] columns;
  private final int numRows;
  private int[] selected;
  private int numSelected;

  /**
   * @param columns the columns, each holding at least {@code numRows} rows
   */
  public ColumnBatch(ColumnVector[] columns, int numRows) {
    this.columns = columns;
    this.numRows = numRows;
    this.numSelected = numRows;
  }

  /** The rows in the batch, selected or not. */
  public int numRows() {
    return numRows;
  }

  public int numColumns() {
    return columns.length;
  }

  public ColumnVector column(int i) {
    return columns[i];
  }

  /** The number of selected rows. */
  public int numSelected() {
    return numSelected;
  }

  /** Whether some rows were deselected (then {@link #selected} holds the selection). */
  public boolean hasSelection() {
    return selected != null;
  }

  /**
   * The selection vector (valid up to {@link #numSelected}), or null when every row is selected.
   */
  public int[] selected() {
    return selected;
  }

  /** The index of the i-th selected row. */
  public int selectedRow(int i) {
    return selected == null ? i : selected[i];
  }

  /**
   * Restricts the selection to {@code count} rows of {@code rows} (indexes in increasing order, a
   * subset of the current selection). The array is kept, not copied.
   */
  public void select(int[] rows, int count) {
    this.selected = rows;
    this.numSelected = count;
  }

  /** A row view of a row of this batch (index into the batch, not into the selection). */
  public InternalRow row(int row) {
    return new BatchRow(this, row);
  }

  /** The selected rows, materialized (for tests and debugging). */
  public InternalRow[] toRows() {
    InternalRow[] out = new InternalRow[numSelected];
    for (int i = 0; i < numSelected; i++) {
      out[i] = row(selectedRow(i)).copy();
    }
    return out;
  }

  @Override
  public String toString() {
    return "ColumnBatch(" + numSelected + " of " + numRows + " rows) " + Arrays.toString(toRows());
  }

  /** The selected rows of a sequence of batches, as row views, batch after batch. */
  public static Iterator<InternalRow> rows(Iterator<ColumnBatch> batches) {
    return new Iterator<>() {
      private ColumnBatch batch;
      private int next;

      @Override
      public boolean hasNext() {
        while (batch == null || next >= batch.numSelected()) {
          if (!batches.hasNext()) {
            return false;
          }
          batch = batches.next();
          next = 0;
        }
        return true;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.row(batch.selectedRow(next++));
      }
    };
  }
}
