package dev.weft.shuffle.yarn;

import dev.weft.shuffle.server.ShuffleServerMetrics;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.apache.hadoop.metrics2.MetricsCollector;
import org.apache.hadoop.metrics2.MetricsInfo;
import org.apache.hadoop.metrics2.MetricsRecordBuilder;
import org.apache.hadoop.metrics2.MetricsSource;
import org.apache.hadoop.metrics2.MetricsSystem;

/**
 * Publishes the shuffle server's counters through Hadoop metrics2, so they appear in the
 * NodeManager's JMX as {@code Hadoop:service=NodeManager,name=WeftShuffleService} and reach any
 * metrics2 sink the NodeManager has configured. Each reading takes a fresh snapshot of the server's
 * counters; counters are totals since the service started, gauges are readings.
 */
final class ShuffleServiceMetricsSource implements MetricsSource {
  /** The source's name in the metrics system (and in JMX). */
  static final String NAME = "WeftShuffleService";

  /** The record's context, a metrics2 grouping (as {@code yarn} or {@code jvm}). */
  static final String CONTEXT = "weft";

  /** One published metric: its name and what it means. */
  record Info(String name, String description) implements MetricsInfo {}

  static final Info OPEN_CONNECTIONS =
      new Info("OpenConnections", "Gauge: client connections open now");
  static final Info PENDING_HANDSHAKES =
      new Info("PendingHandshakes", "Gauge: open connections that have not authenticated yet");
  static final Info REFUSED_CONNECTIONS =
      new Info("RefusedConnections", "Connections refused at a connection limit");
  static final Info BLOCKS_SERVED = new Info("BlocksServed", "Shuffle blocks sent to clients");
  static final Info BYTES_SERVED =
      new Info("BytesServed", "Shuffle block bytes handed to the network");
  static final Info BYTES_IN_FLIGHT =
      new Info("BytesInFlight", "Gauge: block bytes handed to the network and not yet sent");
  static final Info AUTH_FAILURES =
      new Info("AuthFailures", "Handshakes refused: unknown application, wrong secret");
  static final Info ERRORS =
      new Info("Errors", "Requests refused for any other reason: missing file, bad request");
  static final Info REGISTERED_APPLICATIONS =
      new Info("RegisteredApplications", "Gauge: applications with a secret");
  static final Info REGISTERED_EXECUTORS =
      new Info("RegisteredExecutors", "Gauge: executors registered over all applications");
  static final Info INDEX_CACHE_BYTES =
      new Info("IndexCacheBytes", "Gauge: memory held by cached index files");
  static final Info DIRECT_BUFFER_BYTES =
      new Info("DirectBufferBytes", "Gauge: direct memory held by the server's buffer pool");
  static final Info HEAP_BUFFER_BYTES =
      new Info("HeapBufferBytes", "Gauge: heap memory held by the server's buffer pool");
  static final Info RECOVERY_PROBLEMS =
      new Info("RecoveryProblems", "Gauge: damaged parts dropped from the recovery store at start");

  /** Every metric, in publishing order. */
  static final List<Info> ALL =
      List.of(
          OPEN_CONNECTIONS,
          PENDING_HANDSHAKES,
          REFUSED_CONNECTIONS,
          BLOCKS_SERVED,
          BYTES_SERVED,
          BYTES_IN_FLIGHT,
          AUTH_FAILURES,
          ERRORS,
          REGISTERED_APPLICATIONS,
          REGISTERED_EXECUTORS,
          INDEX_CACHE_BYTES,
          DIRECT_BUFFER_BYTES,
          HEAP_BUFFER_BYTES,
          RECOVERY_PROBLEMS);

  private static final int MAX_SUFFIX = 1000;

  private static final Info RECORD = new Info(NAME, "Weft shuffle service in the NodeManager");

  private final ShuffleServerMetrics server;
  private final IntSupplier recoveryProblems;

  /**
   * @param server the server whose counters to publish
   * @param recoveryProblems how many problems the recovery store reported at start
   */
  ShuffleServiceMetricsSource(ShuffleServerMetrics server, IntSupplier recoveryProblems) {
    this.server = Objects.requireNonNull(server, "server");
    this.recoveryProblems = Objects.requireNonNull(recoveryProblems, "recoveryProblems");
  }

  @Override
  public void getMetrics(MetricsCollector collector, boolean all) {
    ShuffleServerMetrics.Snapshot s = server.snapshot();
    MetricsRecordBuilder record = collector.addRecord(RECORD).setContext(CONTEXT);
    record
        .addGauge(OPEN_CONNECTIONS, s.openConnections())
        .addGauge(PENDING_HANDSHAKES, s.pendingHandshakes())
        .addCounter(REFUSED_CONNECTIONS, s.refusedConnections())
        .addCounter(BLOCKS_SERVED, s.blocksServed())
        .addCounter(BYTES_SERVED, s.bytesServed())
        .addGauge(BYTES_IN_FLIGHT, s.bytesInFlight())
        .addCounter(AUTH_FAILURES, s.authFailures())
        .addCounter(ERRORS, s.errors())
        .addGauge(REGISTERED_APPLICATIONS, s.registeredApplications())
        .addGauge(REGISTERED_EXECUTORS, s.registeredExecutors())
        .addGauge(INDEX_CACHE_BYTES, s.indexCacheBytes())
        .addGauge(DIRECT_BUFFER_BYTES, s.directBufferBytes())
        .addGauge(HEAP_BUFFER_BYTES, s.heapBufferBytes())
        .addGauge(RECOVERY_PROBLEMS, recoveryProblems.getAsInt());
    record.endRecord();
  }

  /**
   * Registers this source with {@code metrics} and returns the name it was given: {@value #NAME},
   * or {@value #NAME}{@code -1}, {@code -2}, ... when several NodeManagers share a JVM (a mini
   * cluster), so that {@link MetricsSystem#unregisterSource} removes this source and no other.
   */
  String register(MetricsSystem metrics) {
    metrics.register(NAME, RECORD.description(), this);
    for (int i = 0; i < MAX_SUFFIX; i++) {
      String candidate = i == 0 ? NAME : NAME + "-" + i;
      if (metrics.getSource(candidate) == this) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Registered metrics source " + NAME + " but found it under no name up to -" + MAX_SUFFIX);
  }
}
