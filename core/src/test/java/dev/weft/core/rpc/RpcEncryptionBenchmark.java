package dev.weft.core.rpc;

import dev.weft.core.config.WeftConfig;
import dev.weft.core.rpc.proto.BroadcastRequest;
import dev.weft.core.rpc.proto.MapStatusesRequest;
import dev.weft.core.rpc.proto.RegisterExecutorRequest;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.runtime.MapStatus;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.core.status.StatusEventSource;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Prints what encrypting the driver RPC ({@code weft.rpc.encryption.enabled}) costs: throughput of
 * large driver-to-executor messages (broadcast fetches, as stage binaries and broadcasts travel)
 * and the rate of small unary calls (map status lookups), plaintext against TLS, over loopback. Not
 * a test: run it by hand, e.g.
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:$(cat cp.txt) \
 *     dev.weft.core.rpc.RpcEncryptionBenchmark [payloadMiB] [seconds]
 * </pre>
 */
public final class RpcEncryptionBenchmark {
  private static final byte[] SECRET = "benchmark-secret".getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) {
    int payloadMiB = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    byte[] payload = new byte[payloadMiB << 20];
    new Random(7).nextBytes(payload);
    System.out.printf(
        Locale.ROOT,
        "driver RPC over loopback, %d MiB messages, %.0f s per measure, %d cores%n",
        payloadMiB,
        seconds,
        Runtime.getRuntime().availableProcessors());
    for (boolean encrypted : new boolean[] {false, true, false, true}) {
      run(encrypted, payload, seconds);
    }
  }

  private static void run(boolean encrypted, byte[] payload, double seconds) {
    ClusterBackend driver =
        new ClusterBackend(
            WeftConfig.of(
                Map.of(
                    "weft.rpc.encryption.enabled",
                    Boolean.toString(encrypted),
                    "weft.rpc.message.maxSize",
                    "512m")),
            new Services(payload),
            new ClusterBackendTest.FakeProvisioner(),
            "app-bench",
            SECRET,
            "localhost");
    driver.start(new NoCallbacks());
    try (ExecutorChannel exec =
        ExecutorChannel.open("localhost", driver.port(), encrypted, 512 << 20)) {
      long t0 = System.nanoTime();
      exec.authenticate("app-bench", "exec-1", SECRET, Duration.ofSeconds(30));
      double authMs = (System.nanoTime() - t0) / 1e6;
      Channel ch = exec.channel();
      ClientCalls.blockingUnaryCall(
          ch,
          DriverRpc.REGISTER,
          CallOptions.DEFAULT,
          RegisterExecutorRequest.newBuilder()
              .setProtocolVersion(DriverRpc.PROTOCOL_VERSION)
              .setExecutorId("exec-1")
              .setHost("localhost")
              .setCores(1)
              .setShuffleHost("localhost")
              .build());
      BroadcastRequest big = BroadcastRequest.newBuilder().setBroadcastId(1).build();
      MapStatusesRequest small = MapStatusesRequest.newBuilder().setShuffleId(5).build();
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      long bytes = 0;
      long start = System.nanoTime();
      while (System.nanoTime() < deadline) {
        bytes +=
            ClientCalls.blockingUnaryCall(ch, DriverRpc.BROADCAST, CallOptions.DEFAULT, big)
                .getValue()
                .size();
      }
      double mibPerSec = bytes / 1048576.0 / ((System.nanoTime() - start) / 1e9);
      deadline = System.nanoTime() + (long) (seconds * 1e9);
      long calls = 0;
      start = System.nanoTime();
      while (System.nanoTime() < deadline) {
        ClientCalls.blockingUnaryCall(ch, DriverRpc.MAP_STATUSES, CallOptions.DEFAULT, small);
        calls++;
      }
      double callsPerSec = calls / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          Locale.ROOT,
          "%-9s  authentication %7.1f ms   large messages %8.1f MiB/s   small calls %8.0f /s%n",
          encrypted ? "TLS" : "plaintext",
          authMs,
          mibPerSec,
          callsPerSec);
    } finally {
      driver.stop();
    }
  }

  private static final class NoCallbacks implements SchedulerCallbacks {
    @Override
    public void executorAdded(ExecutorDescriptor executor) {}

    @Override
    public void executorRemoved(String executorId, String reason) {}

    @Override
    public void taskEnded(long taskId, TaskEndReason reason) {}
  }

  /** Serves one broadcast of the payload and one shuffle's map statuses. */
  private static final class Services implements DriverServices {
    private final byte[] payload;

    Services(byte[] payload) {
      this.payload = payload;
    }

    @Override
    public MapOutputSource mapOutputs() {
      MapStatus s = new MapStatus("exec-9", "node-9", 7337, 0, 0, new long[] {4, 0});
      return shuffle -> new MapStatus[] {s, s, s, s};
    }

    @Override
    public BlockStatusListener blockStatus() {
      return (executorId, host, block, level, memoryBytes, diskBytes) -> {};
    }

    @Override
    public byte[] broadcastBytes(long broadcastId) {
      return payload;
    }

    @Override
    public KryoSerializer serializer() {
      return null;
    }

    @Override
    public boolean canCommit(int stageId, int partition, long taskAttemptId) {
      return false;
    }

    @Override
    public void addListener(SchedulerListener listener) {}

    @Override
    public StatusEventSource statusEvents() {
      return new StatusEventSource(System::currentTimeMillis, 0);
    }

    @Override
    public boolean cancelJob(int jobId, String reason) {
      return false;
    }

    @Override
    public boolean cancelStage(int stageId, String reason) {
      return false;
    }
  }
}
