package dev.weft.sql.expr;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out the identities of named expressions. */
public final class ExprIds {
  private static final AtomicLong NEXT = new AtomicLong();

  private ExprIds() {}

  public static long next() {
    return NEXT.incrementAndGet();
  }
}
