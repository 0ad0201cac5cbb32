package dev.weft.core.plan;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where in the user's program a dataset or a job was made, for the names of stages and jobs in the
 * console, the UI and the event log ({@code reduceByKey at WordCount.java:33}, as Spark names
 * them): the first frame of the calling thread's stack outside Weft's engine packages and the JDK.
 * An API layer built on {@code core} (such as the structured layer) registers its package with
 * {@link #registerApiPackage} so that it is skipped the same way and its users' lines are found; it
 * may also name the call site of a node itself ({@link PlanNode#setCallSite}), e.g. one it recorded
 * when the user built a query.
 */
public final class CallSite {
  // Weft's own packages; user programs (and Weft's examples and tests) live elsewhere.
  private static final List<String> ENGINE =
      new CopyOnWriteArrayList<>(
          List.of(
              "dev.weft.api.",
              "dev.weft.core.",
              "dev.weft.spi.",
              "dev.weft.executor.",
              "dev.weft.hdfs.",
              "dev.weft.shuffle.",
              "dev.weft.ui.",
              "dev.weft.yarn.",
              "dev.weft.client.",
              "java.",
              "javax.",
              "jdk.",
              "sun."));

  private static final StackWalker WALKER = StackWalker.getInstance();

  private CallSite() {}

  /**
   * Treats the classes under {@code packagePrefix} (e.g. {@code "dev.weft.sql."}) as part of the
   * engine: call sites are looked for below them, and their methods name actions.
   */
  public static synchronized void registerApiPackage(String packagePrefix) {
    String prefix = packagePrefix.endsWith(".") ? packagePrefix : packagePrefix + ".";
    if (!ENGINE.contains(prefix)) {
      ENGINE.add(prefix);
    }
  }

  static boolean isEngine(String className) {
    for (String prefix : ENGINE) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The user's line that the current call came from, as {@code File.java:33}; null when the whole
   * stack is Weft's own (e.g. a node made by the engine on its own thread).
   */
  public static String location() {
    return WALKER.walk(
        frames ->
            frames
                .filter(f -> !isEngine(f.getClassName()))
                .findFirst()
                .map(CallSite::format)
                .orElse(null));
  }

  /**
   * The API method the user called and the user's line, as {@code collect at WordCount.java:40}:
   * the last Weft frame before the first user frame names the method. Null when the whole stack is
   * Weft's own.
   */
  public static String action() {
    return WALKER.walk(
        frames -> {
          String method = null;
          for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            if (isEngine(f.getClassName())) {
              if (f.getClassName().startsWith("dev.weft.")) {
                method = f.getMethodName();
              }
            } else {
              return Optional.ofNullable(method).map(m -> m + " at " + format(f)).orElse(null);
            }
          }
          return null;
        });
  }

  private static String format(StackWalker.StackFrame f) {
    String file = f.getFileName();
    if (file == null) {
      String c = f.getClassName();
      file = c.substring(c.lastIndexOf('.') + 1);
    }
    return f.getLineNumber() > 0 ? file + ":" + f.getLineNumber() : file;
  }
}
