package dev.weft.executor.shuffle;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.PrefixComparator;
import java.util.Arrays;
import java.util.List;

/**
 * A stable sort of records by key that compares the keys' {@code long} {@link
 * PrefixComparator#prefix prefixes} first and the keys themselves only when prefixes tie.
 *
 * <p>Why: sorting the records themselves chases three pointers per comparison (record, key, key
 * bytes) scattered over the heap, and the sort spent most of its time waiting on memory. Here the
 * prefixes and record indexes sit in primitive arrays that a merge sort walks sequentially.
 */
final class PrefixSorter {
  private static final int INSERTION_RUN = 16;

  private PrefixSorter() {}

  /**
   * Returns {@code records} sorted by key in {@code ordering}; records with equal keys keep their
   * order. Needs about 24 bytes of temporary memory per record.
   */
  static <K, V> List<Tuple2<K, V>> sort(
      List<Tuple2<K, V>> records, PrefixComparator<? super K> ordering) {
    int n = records.size();
    Object[] items = records.toArray();
    long[] prefixes = new long[n];
    int[] indexes = new int[n];
    for (int i = 0; i < n; i++) {
      @SuppressWarnings("unchecked")
      K key = ((Tuple2<K, V>) items[i])._1();
      prefixes[i] = ordering.prefix(key);
      indexes[i] = i;
    }
    new Run<>(items, ordering).sort(prefixes, indexes);
    Object[] sorted = new Object[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = items[indexes[i]];
    }
    @SuppressWarnings("unchecked")
    List<Tuple2<K, V>> result = (List<Tuple2<K, V>>) (List<?>) Arrays.asList(sorted);
    return result;
  }

  /** One sort: bottom-up merge sort of (prefix, index) pairs held in parallel arrays. */
  private static final class Run<K> {
    private final Object[] items;
    private final PrefixComparator<? super K> ordering;

    Run(Object[] items, PrefixComparator<? super K> ordering) {
      this.items = items;
      this.ordering = ordering;
    }

    /** Sorts the pairs in place. */
    void sort(long[] prefixes, int[] indexes) {
      int n = prefixes.length;
      for (int lo = 0; lo < n; lo += INSERTION_RUN) {
        insertionSort(prefixes, indexes, lo, Math.min(lo + INSERTION_RUN, n));
      }
      long[] srcP = prefixes;
      int[] srcI = indexes;
      long[] dstP = new long[n];
      int[] dstI = new int[n];
      for (int width = INSERTION_RUN; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
          int mid = Math.min(lo + width, n);
          int hi = Math.min(lo + 2 * width, n);
          merge(srcP, srcI, dstP, dstI, lo, mid, hi);
        }
        long[] tp = srcP;
        srcP = dstP;
        dstP = tp;
        int[] ti = srcI;
        srcI = dstI;
        dstI = ti;
      }
      if (srcP != prefixes) {
        System.arraycopy(srcP, 0, prefixes, 0, n);
        System.arraycopy(srcI, 0, indexes, 0, n);
      }
    }

    private void insertionSort(long[] p, int[] ix, int lo, int hi) {
      for (int i = lo + 1; i < hi; i++) {
        long pi = p[i];
        int ii = ix[i];
        int j = i - 1;
        while (j >= lo && compare(p[j], ix[j], pi, ii) > 0) {
          p[j + 1] = p[j];
          ix[j + 1] = ix[j];
          j--;
        }
        p[j + 1] = pi;
        ix[j + 1] = ii;
      }
    }

    private void merge(long[] srcP, int[] srcI, long[] dstP, int[] dstI, int lo, int mid, int hi) {
      int a = lo;
      int b = mid;
      int out = lo;
      while (a < mid && b < hi) {
        // Ties take the left run first, which keeps the sort stable.
        if (compare(srcP[a], srcI[a], srcP[b], srcI[b]) <= 0) {
          dstP[out] = srcP[a];
          dstI[out++] = srcI[a++];
        } else {
          dstP[out] = srcP[b];
          dstI[out++] = srcI[b++];
        }
      }
      int left = mid - a;
      System.arraycopy(srcP, a, dstP, out, left);
      System.arraycopy(srcI, a, dstI, out, left);
      out += left;
      System.arraycopy(srcP, b, dstP, out, hi - b);
      System.arraycopy(srcI, b, dstI, out, hi - b);
    }

    @SuppressWarnings("unchecked")
    private int compare(long prefixA, int indexA, long prefixB, int indexB) {
      if (prefixA != prefixB) {
        return prefixA < prefixB ? -1 : 1;
      }
      K a = ((Tuple2<K, ?>) items[indexA])._1();
      K b = ((Tuple2<K, ?>) items[indexB])._1();
      return ordering.compare(a, b);
    }
  }
}
