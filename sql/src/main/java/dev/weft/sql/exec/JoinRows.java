package dev.weft.sql.exec;

import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.plan.JoinType;
import java.util.ArrayList;
import java.util.List;

/**
 * The join of one group of left rows with one group of right rows that may match (same key, or
 * everything for a nested-loop join), by join type: matched pairs (where the condition is TRUE),
 * unmatched rows padded with NULLs for outer joins, left rows alone for semi and anti joins.
 */
final class JoinRows {
  private JoinRows() {}

  static List<InternalRow> join(
      List<InternalRow> lefts,
      List<InternalRow> rights,
      JoinType type,
      Expression condition,
      int leftWidth,
      int rightWidth) {
    List<InternalRow> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[rights.size()];
    for (InternalRow l : lefts) {
      boolean matched = false;
      for (int j = 0; j < rights.size(); j++) {
        InternalRow joined = InternalRow.concat(l, rights.get(j));
        if (condition == null || Boolean.TRUE.equals(condition.eval(joined))) {
          matched = true;
          rightMatched[j] = true;
          if (type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI) {
            break;
          }
          out.add(joined);
        }
      }
      if (!matched && type.keepsUnmatchedLeft()) {
        out.add(InternalRow.concat(l, InternalRow.ofSize(rightWidth)));
      } else if (matched && type == JoinType.LEFT_SEMI) {
        out.add(l);
      } else if (!matched && type == JoinType.LEFT_ANTI) {
        out.add(l);
      }
    }
    if (type.keepsUnmatchedRight()) {
      for (int j = 0; j < rights.size(); j++) {
        if (!rightMatched[j]) {
          out.add(InternalRow.concat(InternalRow.ofSize(leftWidth), rights.get(j)));
        }
      }
    }
    return out;
  }
}
