package dev.weft.sql.exec;

import dev.weft.api.Dataset;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.plan.PlanPrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * A physical operator: how to compute a plan node on core's datasets. {@link #execute} builds the
 * lineage (lazily, nothing runs); narrow operators chain their iterators inside one task, exchanges
 * become core shuffles of {@link RowCodec}-encoded rows.
 */
public abstract class PhysicalPlan {

  public abstract List<PhysicalPlan> children();

  public abstract List<AttributeReference> output();

  public abstract PhysicalPlan withNewChildren(List<PhysicalPlan> children);

  /** The rows of this operator, as a dataset of internal rows. */
  public abstract Dataset<InternalRow> execute(ExecContext ctx);

  /** The key arguments shown after the name in {@code explain}. */
  public abstract String argString();

  public String nodeName() {
    String n = getClass().getSimpleName();
    return n.endsWith("Exec") ? n.substring(0, n.length() - 4) : n;
  }

  /**
   * How this operator appears in the name of the stage that runs it ({@link StageNames}), or null
   * for an operator left out of stage names (a projection).
   */
  String stageLabel() {
    return nodeName();
  }

  /** How the output is partitioned. */
  public Partitioning outputPartitioning() {
    return new Partitioning.Unknown(-1);
  }

  /** What each child's partitioning must be; null entries ask nothing. */
  public List<Distribution> requiredChildDistribution() {
    List<Distribution> none = new ArrayList<>();
    for (int i = 0; i < children().size(); i++) {
      none.add(null);
    }
    return none;
  }

  public String treeString() {
    return PlanPrinter.tree(this, PhysicalPlan::children, p -> p.nodeName() + " " + p.argString());
  }

  @Override
  public String toString() {
    return treeString();
  }

  /** The only child of a unary operator. */
  protected PhysicalPlan child() {
    return children().get(0);
  }
}
