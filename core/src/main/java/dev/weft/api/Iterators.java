package dev.weft.api;

import dev.weft.api.function.FlatMapFunction;
import dev.weft.api.function.Function;
import dev.weft.core.plan.Unchecked;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/** Lazy iterator transformations behind the dataset operations; user exceptions pass through. */
final class Iterators {
  private Iterators() {}

  static <T, R> Iterator<R> map(Iterator<T> in, Function<T, R> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public R next() {
        try {
          return f.call(in.next());
        } catch (Exception e) {
          throw Unchecked.rethrow(e);
        }
      }
    };
  }

  static <T> Iterator<T> filter(Iterator<T> in, Function<T, Boolean> f) {
    return new Iterator<>() {
      private T next;
      private boolean ready;

      @Override
      public boolean hasNext() {
        while (!ready && in.hasNext()) {
          T candidate = in.next();
          try {
            if (Boolean.TRUE.equals(f.call(candidate))) {
              next = candidate;
              ready = true;
            }
          } catch (Exception e) {
            throw Unchecked.rethrow(e);
          }
        }
        return ready;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        T r = next;
        next = null;
        return r;
      }
    };
  }

  static <T, R> Iterator<R> flatMap(Iterator<T> in, FlatMapFunction<T, R> f) {
    return new Iterator<>() {
      private Iterator<R> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && in.hasNext()) {
          try {
            Iterator<R> next = f.call(in.next());
            current = next == null ? Collections.emptyIterator() : next;
          } catch (Exception e) {
            throw Unchecked.rethrow(e);
          }
        }
        return current.hasNext();
      }

      @Override
      public R next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  static <T> Iterator<T> limit(Iterator<T> in, int n) {
    return new Iterator<>() {
      private int taken;

      @Override
      public boolean hasNext() {
        return taken < n && in.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        taken++;
        return in.next();
      }
    };
  }

  static <T> ArrayList<T> toList(Iterator<T> in) {
    ArrayList<T> list = new ArrayList<>();
    while (in.hasNext()) {
      list.add(in.next());
    }
    return list;
  }

  static long count(Iterator<?> in) {
    long n = 0;
    while (in.hasNext()) {
      in.next();
      n++;
    }
    return n;
  }

  /** Keys records 0..n-1 in turn, starting at a position drawn from the partition index. */
  static <T> Iterator<Tuple2<Integer, T>> roundRobin(Iterator<T> in, int n, int partition) {
    int start = new Random(partition).nextInt(n);
    return new Iterator<>() {
      private int position = start;

      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public Tuple2<Integer, T> next() {
        T t = in.next();
        Tuple2<Integer, T> r = new Tuple2<>(position, t);
        position = (position + 1) % n;
        return r;
      }
    };
  }

  /** Bernoulli sampling, or Poisson sampling (with replacement), with a seeded generator. */
  static <T> Iterator<T> sample(
      Iterator<T> in, boolean withReplacement, double fraction, long seed) {
    Random random = new Random(seed);
    return new Iterator<>() {
      private T current;
      private int copiesLeft;

      @Override
      public boolean hasNext() {
        while (copiesLeft == 0 && in.hasNext()) {
          current = in.next();
          copiesLeft =
              withReplacement ? poisson(random, fraction) : random.nextDouble() < fraction ? 1 : 0;
        }
        return copiesLeft > 0;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        copiesLeft--;
        return current;
      }
    };
  }

  private static int poisson(Random random, double mean) {
    // Knuth's method; the means used for sampling are small.
    double limit = Math.exp(-mean);
    int k = 0;
    double p = random.nextDouble();
    while (p > limit) {
      k++;
      p *= random.nextDouble();
    }
    return k;
  }
}
