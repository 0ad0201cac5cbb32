package dev.weft.api;

/**
 * Writes a dataset to files through the output commit protocol: every task writes under a temporary
 * attempt directory, one attempt per partition commits, and the job commit publishes the files and
 * {@code _SUCCESS}. A failed job leaves the destination as it was.
 *
 * <pre>{@code
 * lines.write().mode(SaveMode.OVERWRITE).text("hdfs:///out/report");
 * }</pre>
 *
 * @param <T> the record type
 */
public final class DataWriter<T> {
  private final Dataset<T> dataset;
  private SaveMode mode = SaveMode.ERROR_IF_EXISTS;

  DataWriter(Dataset<T> dataset) {
    this.dataset = dataset;
  }

  /** What to do when the destination exists; {@link SaveMode#ERROR_IF_EXISTS} by default. */
  public DataWriter<T> mode(SaveMode mode) {
    this.mode = mode;
    return this;
  }

  /** {@link #mode(SaveMode)} by name: {@code error}, {@code overwrite} or {@code append}. */
  public DataWriter<T> mode(String mode) {
    return mode(SaveMode.parse(mode));
  }

  /**
   * Writes each record's {@code toString()} as a line, one {@code part-NNNNN} file per partition.
   */
  public void text(String path) {
    dataset.context.saveAsText(dataset.node, path, mode.toOutputMode());
  }
}
