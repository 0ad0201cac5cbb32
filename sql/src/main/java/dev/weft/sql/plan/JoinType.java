package dev.weft.sql.plan;

import java.util.Locale;

/** The kinds of join, with the names Spark's {@code join(other, on, how)} accepts. */
public enum JoinType {
  INNER("Inner"),
  LEFT_OUTER("LeftOuter"),
  RIGHT_OUTER("RightOuter"),
  FULL_OUTER("FullOuter"),
  LEFT_SEMI("LeftSemi"),
  LEFT_ANTI("LeftAnti"),
  CROSS("Cross");

  private final String shown;

  JoinType(String shown) {
    this.shown = shown;
  }

  /**
   * The join type of a name as Spark spells it: {@code inner}, {@code cross}, {@code left}, {@code
   * leftouter}, {@code left_outer}, {@code right}, {@code full}, {@code outer}, {@code semi},
   * {@code left_semi}, {@code anti}, {@code left_anti}, ... (case and underscores ignored).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static JoinType fromString(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("_", "");
    return switch (n) {
      case "inner" -> INNER;
      case "cross" -> CROSS;
      case "left", "leftouter" -> LEFT_OUTER;
      case "right", "rightouter" -> RIGHT_OUTER;
      case "full", "fullouter", "outer" -> FULL_OUTER;
      case "semi", "leftsemi" -> LEFT_SEMI;
      case "anti", "leftanti" -> LEFT_ANTI;
      default ->
          throw new IllegalArgumentException(
              "Unsupported join type '"
                  + name
                  + "'. Supported join types include: 'inner', 'outer', 'full', 'fullouter',"
                  + " 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right',"
                  + " 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti',"
                  + " 'anti', 'cross'");
    };
  }

  /** Whether the output has the right side's columns (not for semi and anti joins). */
  public boolean outputsRight() {
    return this != LEFT_SEMI && this != LEFT_ANTI;
  }

  /** Whether unmatched left rows are kept (padded with NULLs or alone). */
  public boolean keepsUnmatchedLeft() {
    return this == LEFT_OUTER || this == FULL_OUTER;
  }

  public boolean keepsUnmatchedRight() {
    return this == RIGHT_OUTER || this == FULL_OUTER;
  }

  @Override
  public String toString() {
    return shown;
  }
}
