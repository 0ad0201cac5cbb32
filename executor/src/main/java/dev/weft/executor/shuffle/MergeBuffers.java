package dev.weft.executor.shuffle;

/** Memory for the read buffers of a k-way merge of spill runs. */
final class MergeBuffers {
  private MergeBuffers() {}

  /**
   * Acquires read buffers for up to {@code settings.mergeWidth()} runs for {@code owner}.
   *
   * @return how many runs the merge may read at once: as many buffers as were granted, but at least
   *     2 (two buffers are the least a merge can progress with; more runs merge in passes)
   */
  static int acquire(SpillableConsumer owner, ShuffleSettings settings) {
    long buffer = settings.fileBufferSize();
    long granted = owner.acquire(settings.mergeWidth() * buffer);
    return (int) Math.max(2, granted / buffer);
  }
}
