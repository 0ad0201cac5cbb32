package dev.weft.sql.optimizer;

import dev.weft.sql.plan.LogicalPlan;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs batches of rules in order; each batch repeats its rules until the plan stops changing (a
 * fixed point) or {@code maxIterations} passes.
 */
public class RuleExecutor {
  private static final Logger LOG = LogManager.getLogger(RuleExecutor.class);

  /** A named group of rules run together to a fixed point. */
  public record Batch(String name, int maxIterations, List<Rule> rules) {
    public Batch {
      rules = List.copyOf(rules);
    }
  }

  private final List<Batch> batches;

  public RuleExecutor(List<Batch> batches) {
    this.batches = List.copyOf(batches);
  }

  public LogicalPlan execute(LogicalPlan plan) {
    LogicalPlan current = plan;
    for (Batch batch : batches) {
      for (int i = 0; i < batch.maxIterations(); i++) {
        LogicalPlan before = current;
        for (Rule rule : batch.rules()) {
          LogicalPlan next = rule.apply(current);
          if (LOG.isDebugEnabled() && !next.equals(current)) {
            LOG.debug(
                "{} rewrote\n{}into\n{}", rule.name(), current.treeString(), next.treeString());
          }
          current = next;
        }
        if (current.equals(before)) {
          break;
        }
      }
    }
    return current;
  }
}
