package dev.weft.shuffle.server;

import io.netty.buffer.ByteBufAllocatorMetric;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The live counters behind {@link ShuffleServerMetrics}. */
final class ServerCounters implements ShuffleServerMetrics {
  final AtomicLong openConnections = new AtomicLong();
  final AtomicLong pendingHandshakes = new AtomicLong();
  final LongAdder refusedConnections = new LongAdder();
  final LongAdder blocksServed = new LongAdder();
  final LongAdder bytesServed = new LongAdder();
  final LongAdder authFailures = new LongAdder();
  final LongAdder errors = new LongAdder();
  private final LongSupplier bytesInFlight;
  private final LongSupplier applications;
  private final LongSupplier executors;
  private final LongSupplier indexCacheBytes;
  private final ByteBufAllocatorMetric allocator;

  ServerCounters(
      LongSupplier bytesInFlight,
      LongSupplier applications,
      LongSupplier executors,
      LongSupplier indexCacheBytes,
      ByteBufAllocatorMetric allocator) {
    this.bytesInFlight = bytesInFlight;
    this.applications = applications;
    this.executors = executors;
    this.indexCacheBytes = indexCacheBytes;
    this.allocator = allocator;
  }

  @Override
  public Snapshot snapshot() {
    return new Snapshot(
        openConnections.get(),
        pendingHandshakes.get(),
        refusedConnections.sum(),
        blocksServed.sum(),
        bytesServed.sum(),
        bytesInFlight.getAsLong(),
        authFailures.sum(),
        errors.sum(),
        applications.getAsLong(),
        executors.getAsLong(),
        indexCacheBytes.getAsLong(),
        allocator.usedDirectMemory(),
        allocator.usedHeapMemory());
  }
}
