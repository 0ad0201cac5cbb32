package dev.weft.core.serial;

import dev.weft.api.Accumulator;
import java.io.ObjectInputFilter;
import java.util.List;
import java.util.Set;

/**
 * The classes the driver accepts in Java-serialized data from executors (a task's end: its result's
 * metadata, accumulator updates, the exception that failed it). Executors are authenticated, but a
 * compromised or buggy executor must not be able to make the driver instantiate arbitrary classes,
 * so deserialization goes through this allow-list: Weft's own classes ({@code dev.weft.}),
 * accumulators (the application's subclasses included), any {@link Throwable} (a task's failure may
 * be any exception of the application), Java's strings, boxed numbers, enums, stack trace elements
 * and standard collections, arrays of those, and the patterns of {@code
 * weft.rpc.deserialization.allowedClasses}. Anything else is refused, as are graphs deeper than
 * {@value #MAX_DEPTH} or with more than {@value #MAX_REFERENCES} references.
 */
public final class PeerClassFilter implements ObjectInputFilter {
  static final long MAX_DEPTH = 200;
  static final long MAX_REFERENCES = 1_000_000;

  private static final Set<String> JAVA_CLASSES =
      Set.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.Enum",
          "java.lang.StackTraceElement",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.Arrays$ArrayList",
          "java.util.CollSer",
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentHashMap$Segment",
          "java.util.concurrent.atomic.AtomicLong",
          "java.util.concurrent.atomic.AtomicInteger",
          "java.util.concurrent.atomic.LongAdder",
          "java.util.concurrent.atomic.Striped64",
          "java.util.concurrent.atomic.DoubleAdder");

  private static final List<String> JAVA_PREFIXES =
      List.of("java.util.Collections$", "java.util.ImmutableCollections$");

  private final ObjectInputFilter configured;

  /**
   * @param allowedPatterns further classes to allow, in {@link ObjectInputFilter.Config
   *     #createFilter} syntax without limits ({@code com.acme.Event;com.acme.model.*}); empty for
   *     none
   */
  public PeerClassFilter(String allowedPatterns) {
    this.configured =
        allowedPatterns == null || allowedPatterns.isBlank()
            ? null
            : ObjectInputFilter.Config.createFilter(allowedPatterns.trim());
  }

  @Override
  public Status checkInput(FilterInfo info) {
    if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES) {
      return Status.REJECTED;
    }
    Class<?> c = info.serialClass();
    if (c == null) {
      return Status.UNDECIDED;
    }
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (allowed(c)) {
      return Status.ALLOWED;
    }
    if (configured != null && configured.checkInput(info) == Status.ALLOWED) {
      return Status.ALLOWED;
    }
    return Status.REJECTED;
  }

  private static boolean allowed(Class<?> c) {
    String name = c.getName();
    return c.isPrimitive()
        || name.startsWith("dev.weft.")
        || Accumulator.class.isAssignableFrom(c)
        || Throwable.class.isAssignableFrom(c)
        || c.isEnum()
        || JAVA_CLASSES.contains(name)
        || JAVA_PREFIXES.stream().anyMatch(name::startsWith);
  }
}
