package dev.weft.api;

/** Sums longs; also counts the values added, for {@link #avg()}. */
public final class LongAccumulator extends Accumulator<Long, Long> {
  private long sum;
  private long count;

  @Override
  protected LongAccumulator newZero() {
    return new LongAccumulator();
  }

  @Override
  public boolean isZero() {
    return sum == 0 && count == 0;
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }

  @Override
  public void add(Long value) {
    add(value.longValue());
  }

  /** Adds {@code value} without boxing. */
  public void add(long value) {
    sum += value;
    count++;
  }

  @Override
  public void merge(Accumulator<Long, Long> other) {
    LongAccumulator o = (LongAccumulator) other;
    sum += o.sum;
    count += o.count;
  }

  @Override
  public Long value() {
    return sum;
  }

  public long sum() {
    return sum;
  }

  public long count() {
    return count;
  }

  /** The mean of the values added, NaN when none were. */
  public double avg() {
    return count == 0 ? Double.NaN : (double) sum / count;
  }
}
