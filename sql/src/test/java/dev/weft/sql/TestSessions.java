package dev.weft.sql;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;

/** One local session shared by the tests of a JVM (starting a context takes a while). */
public final class TestSessions {
  private static WeftSession shared;

  private TestSessions() {}

  public static synchronized WeftSession shared() {
    if (shared == null) {
      shared =
          WeftSession.of(
              new WeftContext(
                  new WeftConf(false)
                      .setMaster("local[2]")
                      .setAppName("sql-tests")
                      .set("weft.sql.shuffle.partitions", "4")));
    }
    return shared;
  }
}
