package dev.weft.sql;

import dev.weft.api.Dataset;
import dev.weft.sql.exec.ExecContext;
import dev.weft.sql.exec.PhysicalPlan;
import dev.weft.sql.exec.Planner;
import dev.weft.sql.exec.StageNames;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.optimizer.Optimizer;
import dev.weft.sql.plan.LogicalPlan;

/** The stages of one query: parsed, analyzed, optimized and physical plans (internal). */
final class QueryExecution {
  private final WeftSession session;
  private final LogicalPlan parsed;
  private final LogicalPlan analyzed;
  private LogicalPlan optimized;
  private PhysicalPlan physical;

  QueryExecution(WeftSession session, LogicalPlan parsed, LogicalPlan analyzed) {
    this.session = session;
    this.parsed = parsed;
    this.analyzed = analyzed;
  }

  LogicalPlan analyzed() {
    return analyzed;
  }

  synchronized LogicalPlan optimized() {
    if (optimized == null) {
      // One instant for every current_date()/current_timestamp() of the query, and the session's
      // time zone for every zone-aware expression, as Spark's ComputeCurrentTime/ResolveTimeZone.
      java.time.Instant start = java.time.Instant.now();
      String zone = session.timeZone();
      LogicalPlan timed =
          analyzed.transformUp(
              p ->
                  p.mapExpressions(
                      e ->
                          dev.weft.sql.analysis.ResolveTimeZone.apply(
                              dev.weft.sql.expr.datetime.CurrentTime.replaceAll(e, start), zone)));
      optimized = new Optimizer().execute(timed);
    }
    return optimized;
  }

  synchronized PhysicalPlan physical() {
    if (physical == null) {
      physical = new Planner(session.execContext()).plan(optimized());
    }
    return physical;
  }

  /**
   * The lineage of the result (builds broadcasts, runs no other job), its stages named after the
   * operators they run ({@link StageNames}).
   */
  Dataset<InternalRow> toInternalDataset() {
    ExecContext ctx = session.execContext();
    Dataset<InternalRow> result = physical().execute(ctx);
    StageNames.apply(physical(), result);
    return result;
  }

  String explain(boolean extended) {
    if (!extended) {
      return "== Physical Plan ==\n" + physical().treeString();
    }
    return "== Parsed Logical Plan ==\n"
        + parsed.treeString()
        + "\n== Analyzed Logical Plan ==\n"
        + schemaLine()
        + analyzed.treeString()
        + "\n== Optimized Logical Plan ==\n"
        + optimized().treeString()
        + "\n== Physical Plan ==\n"
        + physical().treeString();
  }

  private String schemaLine() {
    StringBuilder b = new StringBuilder();
    for (var a : analyzed.output()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(a.name()).append(": ").append(a.dataType().simpleString());
    }
    return b.append('\n').toString();
  }
}
