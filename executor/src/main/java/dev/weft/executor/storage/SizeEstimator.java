package dev.weft.executor.storage;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates the heap an object graph takes on a 64-bit JVM with compressed oops: 12-byte object
 * headers, 4-byte references, 16-byte array headers, 8-byte alignment.
 *
 * <p>Objects reachable through fields are walked once each (shared references and cycles are
 * counted once). User classes are walked by reflection; JDK classes, whose fields Java 17 does not
 * let us read, are measured through their public API (strings, collections, maps, optionals, big
 * numbers) or by their shallow size. Arrays and collections above {@value #SAMPLE_THRESHOLD}
 * elements are estimated from two samples of {@value #SAMPLE_SIZE} elements, so the cost of one
 * call is bounded by the shape of the graph rather than its element count. Enum constants and
 * {@link Class} objects are shared by the whole JVM and count as nothing.
 *
 * <p>Thread-safe; meant to be called on a sample of records in hot loops.
 */
public final class SizeEstimator {
  static final int OBJECT_HEADER = 12;
  static final int REFERENCE = 4;
  static final int ARRAY_HEADER = 16;
  private static final int ALIGNMENT = 8;
  private static final int SAMPLE_THRESHOLD = 400;
  private static final int SAMPLE_SIZE = 100;

  // Per-entry node sizes of the common JDK collections (header + fields, aligned).
  private static final int HASH_NODE = 32;
  private static final int LINKED_HASH_NODE = 40;
  private static final int TREE_NODE = 40;
  private static final int LINKED_LIST_NODE = 24;
  private static final int GENERIC_ENTRY = 32;

  private static final ClassValue<ClassInfo> CLASS_INFO =
      new ClassValue<>() {
        @Override
        protected ClassInfo computeValue(Class<?> type) {
          return ClassInfo.of(type);
        }
      };

  private SizeEstimator() {}

  /**
   * The estimated deep size of {@code obj} in bytes: the object and everything reachable from it.
   *
   * @return 0 for null
   */
  public static long estimate(Object obj) {
    if (obj == null || isShared(obj)) {
      return 0;
    }
    return new Walk().run(obj);
  }

  /** The size of an object after padding to the JVM's 8-byte alignment. */
  static long align(long size) {
    return (size + ALIGNMENT - 1) & -ALIGNMENT;
  }

  private static boolean isShared(Object obj) {
    return obj instanceof Enum<?> || obj instanceof Class<?>;
  }

  /** One estimation: the visited set and the stack of objects still to measure. */
  private static final class Walk {
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private long size;

    long run(Object root) {
      enqueue(root);
      drainTo(0);
      return size;
    }

    private void enqueue(Object obj) {
      if (obj != null && !isShared(obj) && visited.add(obj)) {
        pending.push(obj);
      }
    }

    /** Visits objects until the stack is back to {@code depth}: everything pushed since then. */
    private void drainTo(int depth) {
      while (pending.size() > depth) {
        visit(pending.pop());
      }
    }

    private void visit(Object obj) {
      Class<?> type = obj.getClass();
      if (type.isArray()) {
        visitArray(obj, type.getComponentType());
        return;
      }
      if (obj instanceof String s) {
        // Latin-1 compact strings: one byte per char.
        size += CLASS_INFO.get(String.class).shallowSize + align(ARRAY_HEADER + s.length());
        return;
      }
      ClassInfo info = CLASS_INFO.get(type);
      size += info.shallowSize;
      if (info.referenceFields != null) {
        for (Field f : info.referenceFields) {
          enqueue(read(f, obj));
        }
      } else {
        visitOpaque(obj);
      }
    }

    /** An object whose fields cannot be read: measured through its public API where known. */
    private void visitOpaque(Object obj) {
      if (obj instanceof Collection<?> c) {
        visitCollection(c);
      } else if (obj instanceof Map<?, ?> m) {
        visitMap(m);
      } else if (obj instanceof Map.Entry<?, ?> e) {
        enqueue(e.getKey());
        enqueue(e.getValue());
      } else if (obj instanceof Optional<?> o) {
        enqueue(o.orElse(null));
      } else if (obj instanceof BigInteger b) {
        size += bigIntegerMagnitude(b);
      } else if (obj instanceof BigDecimal d) {
        // Unscaled values beyond a long are held in a BigInteger.
        BigInteger unscaled = d.unscaledValue();
        if (unscaled.bitLength() > 63) {
          size += CLASS_INFO.get(BigInteger.class).shallowSize + bigIntegerMagnitude(unscaled);
        }
      } else if (obj instanceof StringBuilder sb) {
        size += align(ARRAY_HEADER + sb.capacity());
      } else if (obj instanceof StringBuffer sb) {
        size += align(ARRAY_HEADER + sb.capacity());
      }
    }

    private void visitArray(Object array, Class<?> component) {
      int length = java.lang.reflect.Array.getLength(array);
      if (component.isPrimitive()) {
        size += align(ARRAY_HEADER + (long) length * primitiveSize(component));
        return;
      }
      size += refArray(length);
      Object[] elements = (Object[]) array;
      if (length <= SAMPLE_THRESHOLD) {
        for (Object e : elements) {
          enqueue(e);
        }
        return;
      }
      // Two interleaved, evenly spread samples. Every other sample is shifted by one, so both
      // samples see even and odd slots alike: arrays that interleave two kinds of element (the
      // shuffle's combiner map keeps key, combiner, key, combiner, ...) would otherwise be
      // sampled on one kind only. stride >= 2 here, so the shifted index stays in the array.
      int stride = length / (2 * SAMPLE_SIZE);
      measure(i -> elements[(2 * i) * stride + (i & 1)]);
      long second = measure(i -> elements[(2 * i + 1) * stride + (i & 1)]);
      extrapolate(second, length);
    }

    private void visitCollection(Collection<?> c) {
      int n = c.size();
      size += collectionOverhead(c, n);
      if (n <= SAMPLE_THRESHOLD) {
        for (Object e : c) {
          enqueue(e);
        }
        return;
      }
      if (c instanceof List<?> list && c instanceof RandomAccess) {
        int stride = n / (2 * SAMPLE_SIZE);
        measure(i -> list.get((2 * i) * stride));
        long second = measure(i -> list.get((2 * i + 1) * stride));
        extrapolate(second, n);
      } else {
        // Without random access the head is the only bounded sample.
        Iterator<?> it = c.iterator();
        measure(i -> it.hasNext() ? it.next() : null);
        long second = measure(i -> it.hasNext() ? it.next() : null);
        extrapolate(second, n);
      }
    }

    private void visitMap(Map<?, ?> m) {
      int n = m.size();
      size += mapOverhead(m, n);
      if (n <= SAMPLE_THRESHOLD) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          enqueue(e.getKey());
          enqueue(e.getValue());
        }
        return;
      }
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      measureEntries(it);
      long second = measureEntries(it);
      extrapolate(second, n);
    }

    private long measureEntries(Iterator<? extends Map.Entry<?, ?>> it) {
      int depth = pending.size();
      long before = size;
      for (int i = 0; i < SAMPLE_SIZE && it.hasNext(); i++) {
        Map.Entry<?, ?> e = it.next();
        enqueue(e.getKey());
        enqueue(e.getValue());
      }
      drainTo(depth);
      return size - before;
    }

    /** The deep size of {@value #SAMPLE_SIZE} elements, added to the total. */
    private long measure(Sample sample) {
      int depth = pending.size();
      long before = size;
      for (int i = 0; i < SAMPLE_SIZE; i++) {
        enqueue(sample.element(i));
      }
      drainTo(depth);
      return size - before;
    }

    /**
     * Adds the elements not sampled. Both samples are counted already: the first carries whatever
     * the elements share (it was seen first); the second, measured after it, is what one more
     * sample of elements costs, so it stands for each further {@value #SAMPLE_SIZE} elements.
     */
    private void extrapolate(long second, int count) {
      long unsampled = count - 2L * SAMPLE_SIZE;
      if (unsampled > 0) {
        size += second * unsampled / SAMPLE_SIZE;
      }
    }
  }

  @FunctionalInterface
  private interface Sample {
    Object element(int i);
  }

  private static Object read(Field f, Object obj) {
    try {
      return f.get(obj);
    } catch (IllegalAccessException e) {
      return null; // cannot happen: the field was made accessible when the class was inspected
    }
  }

  private static long bigIntegerMagnitude(BigInteger b) {
    return align(ARRAY_HEADER + 4L * ((b.bitLength() + 31) / 32));
  }

  private static long refArray(long length) {
    return align(ARRAY_HEADER + length * REFERENCE);
  }

  /** The table of a hash map holding {@code n} entries at the default load factor. */
  private static long hashTable(int n) {
    if (n == 0) {
      return 0;
    }
    long needed = (long) Math.ceil(n / 0.75);
    long capacity = Math.max(16, Long.highestOneBit(Math.max(1, needed - 1)) << 1);
    return refArray(capacity);
  }

  private static long collectionOverhead(Collection<?> c, int n) {
    if (c instanceof LinkedHashSet<?>) {
      return CLASS_INFO.get(LinkedHashMap.class).shallowSize
          + hashTable(n)
          + (long) n * LINKED_HASH_NODE;
    } else if (c instanceof HashSet<?>) {
      return CLASS_INFO.get(HashMap.class).shallowSize + hashTable(n) + (long) n * HASH_NODE;
    } else if (c instanceof SortedSet<?>) {
      return CLASS_INFO.get(TreeMap.class).shallowSize + (long) n * TREE_NODE;
    } else if (c instanceof LinkedList<?>) {
      return (long) n * LINKED_LIST_NODE;
    } else if (c instanceof Set<?> && !(c instanceof RandomAccess)) {
      return hashTable(n) + (long) n * HASH_NODE;
    }
    // ArrayList, ArrayDeque, immutable lists, most others: a backing array of references.
    return refArray(n);
  }

  private static long mapOverhead(Map<?, ?> m, int n) {
    if (m instanceof LinkedHashMap<?, ?>) {
      return hashTable(n) + (long) n * LINKED_HASH_NODE;
    } else if (m instanceof HashMap<?, ?>
        || m instanceof ConcurrentHashMap<?, ?>
        || m instanceof Hashtable<?, ?>) {
      return hashTable(n) + (long) n * HASH_NODE;
    } else if (m instanceof SortedMap<?, ?>) {
      return (long) n * TREE_NODE;
    } else if (m instanceof IdentityHashMap<?, ?>) {
      return refArray(2L * n * 3 / 2);
    }
    return hashTable(n) + (long) n * GENERIC_ENTRY;
  }

  static int primitiveSize(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    } else if (type == int.class || type == float.class) {
      return 4;
    } else if (type == short.class || type == char.class) {
      return 2;
    }
    return 1; // byte, boolean
  }

  /**
   * What is known of a class: its shallow size and its readable reference fields (null when some
   * reference field cannot be read, which makes the class opaque).
   */
  private static final class ClassInfo {
    final long shallowSize;
    final Field[] referenceFields;

    private ClassInfo(long shallowSize, Field[] referenceFields) {
      this.shallowSize = shallowSize;
      this.referenceFields = referenceFields;
    }

    static ClassInfo of(Class<?> type) {
      long size = OBJECT_HEADER;
      List<Field> refs = new ArrayList<>();
      boolean readable = true;
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())) {
            continue;
          }
          Class<?> fieldType = f.getType();
          if (fieldType.isPrimitive()) {
            size += primitiveSize(fieldType);
          } else {
            size += REFERENCE;
            if (readable && canRead(f)) {
              refs.add(f);
            } else {
              readable = false;
            }
          }
        }
      }
      return new ClassInfo(align(size), readable ? refs.toArray(new Field[0]) : null);
    }

    private static boolean canRead(Field f) {
      try {
        return f.trySetAccessible();
      } catch (RuntimeException e) {
        return false; // a security manager or an unnamed oddity: treat as opaque
      }
    }
  }
}
