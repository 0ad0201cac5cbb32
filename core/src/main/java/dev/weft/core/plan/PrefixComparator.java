package dev.weft.core.plan;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A key order that can also summarize each key as a {@code long} sort prefix, so a sort can order
 * most records by comparing two longs and falls back to {@link #compare} only when prefixes tie.
 *
 * <p>Contract: whenever {@code compare(a, b) < 0}, {@code prefix(a) <= prefix(b)} (signed). Keys
 * whose prefixes are equal may be in any order relative to each other.
 *
 * @param <K> the key type
 */
public interface PrefixComparator<K> extends Comparator<K>, Serializable {

  /** The sort prefix of {@code key} (which may be null when the order accepts nulls). */
  long prefix(K key);
}
