package dev.weft.api;

/** Sums doubles; also counts the values added, for {@link #avg()}. */
public final class DoubleAccumulator extends Accumulator<Double, Double> {
  private double sum;
  private long count;

  @Override
  protected DoubleAccumulator newZero() {
    return new DoubleAccumulator();
  }

  @Override
  public boolean isZero() {
    return sum == 0.0 && count == 0;
  }

  @Override
  public void reset() {
    sum = 0;
    count = 0;
  }

  @Override
  public void add(Double value) {
    add(value.doubleValue());
  }

  /** Adds {@code value} without boxing. */
  public void add(double value) {
    sum += value;
    count++;
  }

  @Override
  public void merge(Accumulator<Double, Double> other) {
    DoubleAccumulator o = (DoubleAccumulator) other;
    sum += o.sum;
    count += o.count;
  }

  @Override
  public Double value() {
    return sum;
  }

  public double sum() {
    return sum;
  }

  public long count() {
    return count;
  }

  /** The mean of the values added, NaN when none were. */
  public double avg() {
    return count == 0 ? Double.NaN : sum / count;
  }
}
