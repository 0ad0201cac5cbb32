package dev.weft.sql.vector;

import dev.weft.sql.expr.And;
import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A filter and a projection evaluated over column batches, batch by batch: the filter's conjuncts
 * narrow each batch's selection vector, then the projection computes its columns for the selected
 * rows only (a column reference passes the input vector through). Conjuncts and projected
 * expressions that {@link BatchCodegen} covers run as generated code compiled once per JVM; the
 * others are interpreted row by row over row views. Results are exactly the interpreted ones: a row
 * is kept only where the condition is TRUE.
 *
 * <p>Made on the driver (which generates the source) and shipped with the tasks.
 */
public final class BatchEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<BatchCodegen.Source> generatedConjuncts = new ArrayList<>();
  private final List<Expression> interpretedConjuncts = new ArrayList<>();
  private final Expression[] projections;
  private final BatchCodegen.Source[] generatedValues;
  private int generated;
  private int interpreted;

  /**
   * @param condition the bound condition, or null for none
   * @param projections the bound expressions of the output columns, or null to output the input
   * @param codegen whether to generate code (else everything is interpreted)
   */
  public BatchEvaluator(Expression condition, List<Expression> projections, boolean codegen) {
    List<Expression> conjuncts = new ArrayList<>();
    if (condition != null && condition.deterministic()) {
      split(condition, conjuncts);
    } else if (condition != null) {
      // Kept whole: its conjuncts must see exactly the rows the row-by-row AND shows them.
      conjuncts.add(condition);
    }
    for (Expression c : conjuncts) {
      BatchCodegen.Source s = codegen ? BatchCodegen.predicate(c) : null;
      if (s != null) {
        generatedConjuncts.add(s);
        generated++;
      } else {
        interpretedConjuncts.add(c);
        interpreted++;
      }
    }
    if (projections == null) {
      this.projections = null;
      this.generatedValues = null;
    } else {
      this.projections = projections.toArray(new Expression[0]);
      this.generatedValues = new BatchCodegen.Source[this.projections.length];
      for (int i = 0; i < this.projections.length; i++) {
        Expression e = this.projections[i];
        if (e instanceof BoundReference) {
          continue;
        }
        generatedValues[i] = codegen ? BatchCodegen.value(e) : null;
        if (generatedValues[i] != null) {
          generated++;
        } else {
          interpreted++;
        }
      }
    }
  }

  private static void split(Expression e, List<Expression> out) {
    if (e instanceof And a) {
      split(a.left(), out);
      split(a.right(), out);
    } else {
      out.add(e);
    }
  }

  /** How many conjuncts and computed columns run as generated code. */
  public int generatedCount() {
    return generated;
  }

  /** How many conjuncts and computed columns are interpreted row by row. */
  public int interpretedCount() {
    return interpreted;
  }

  /**
   * The output rows (row views of the evaluated batches) of a task's input batches. Kernels are
   * made once per call, i.e. per task.
   */
  public Iterator<InternalRow> rows(Iterator<ColumnBatch> batches) {
    Task task = new Task();
    return ColumnBatch.rows(
        new Iterator<>() {
          private ColumnBatch next;

          @Override
          public boolean hasNext() {
            while (next == null && batches.hasNext()) {
              ColumnBatch b = task.apply(batches.next());
              if (b.numSelected() > 0) {
                next = b;
              }
            }
            return next != null;
          }

          @Override
          public ColumnBatch next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            ColumnBatch b = next;
            next = null;
            return b;
          }
        });
  }

  /** Evaluates one batch (in place for the filter): the batch of the output columns. */
  public ColumnBatch evaluate(ColumnBatch batch) {
    return new Task().apply(batch);
  }

  /** The kernels of one task. */
  private final class Task {
    private final BatchKernel[] conjuncts;
    private final BatchKernel[] values;

    Task() {
      conjuncts = new BatchKernel[generatedConjuncts.size()];
      for (int i = 0; i < conjuncts.length; i++) {
        conjuncts[i] = BatchCodegen.instantiate(generatedConjuncts.get(i));
      }
      values = generatedValues == null ? null : new BatchKernel[generatedValues.length];
      if (values != null) {
        for (int i = 0; i < values.length; i++) {
          if (generatedValues[i] != null) {
            values[i] = BatchCodegen.instantiate(generatedValues[i]);
          }
        }
      }
    }

    ColumnBatch apply(ColumnBatch b) {
      filter(b);
      if (projections == null || b.numSelected() == 0) {
        return b;
      }
      int n = b.numRows();
      ColumnVector[] out = new ColumnVector[projections.length];
      for (int i = 0; i < out.length; i++) {
        Expression e = projections[i];
        DataType t = e.dataType();
        if (e instanceof BoundReference ref) {
          out[i] = b.column(ref.ordinal());
        } else if (values[i] != null) {
          HeapColumnVector v = new HeapColumnVector(t, n);
          values[i].evaluate(b, v);
          out[i] = v;
        } else {
          ObjectColumnVector v = new ObjectColumnVector(t, n);
          for (int k = 0; k < b.numSelected(); k++) {
            int r = b.selectedRow(k);
            v.put(r, e.eval(b.row(r)));
          }
          out[i] = v;
        }
      }
      ColumnBatch result = new ColumnBatch(out, n);
      if (b.hasSelection()) {
        result.select(b.selected(), b.numSelected());
      }
      return result;
    }

    private void filter(ColumnBatch b) {
      if (conjuncts.length == 0 && interpretedConjuncts.isEmpty()) {
        return;
      }
      int[] sel = b.hasSelection() ? b.selected() : new int[b.numRows()];
      for (BatchKernel k : conjuncts) {
        if (b.numSelected() == 0) {
          return;
        }
        int kept = k.select(b, sel);
        b.select(sel, kept);
      }
      for (Expression c : interpretedConjuncts) {
        int kept = 0;
        for (int i = 0; i < b.numSelected(); i++) {
          int r = b.selectedRow(i);
          if (Boolean.TRUE.equals(c.eval(b.row(r)))) {
            sel[kept++] = r;
          }
        }
        b.select(sel, kept);
      }
    }
  }
}
