package dev.weft.core.rpc;

import com.google.protobuf.ByteString;
import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.DropStage;
import dev.weft.core.rpc.proto.LaunchTask;
import dev.weft.core.rpc.proto.StopExecutor;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.TaskDescription;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.Map;

/**
 * The driver's side of one registered executor: its stream (written under this object's lock, since
 * a gRPC stream observer is not thread-safe; writes only queue, they never block), the last time it
 * was heard from, and which stage binaries it holds. The binaries map mirrors the executor's cache
 * exactly, because both change only with messages on the ordered stream.
 */
final class ExecutorConnection {
  enum State {
    REGISTERED,
    CONNECTED,
    REMOVED
  }

  private final ExecutorDescriptor descriptor;
  private final int shufflePort;
  private final Map<Integer, Integer> binaryAttemptByStage = new HashMap<>();
  private StreamObserver<DriverMessage> stream;
  private State state = State.REGISTERED;
  private volatile long lastHeardNanos;
  private int binariesSent;

  ExecutorConnection(ExecutorDescriptor descriptor, int shufflePort, long nowNanos) {
    this.descriptor = descriptor;
    this.shufflePort = shufflePort;
    this.lastHeardNanos = nowNanos;
  }

  ExecutorDescriptor descriptor() {
    return descriptor;
  }

  int shufflePort() {
    return shufflePort;
  }

  long lastHeardNanos() {
    return lastHeardNanos;
  }

  void heard(long nowNanos) {
    lastHeardNanos = nowNanos;
  }

  synchronized State state() {
    return state;
  }

  /** Attaches the executor's stream; false when it has one already or was removed. */
  synchronized boolean connect(StreamObserver<DriverMessage> observer, long nowNanos) {
    if (state != State.REGISTERED) {
      return false;
    }
    stream = observer;
    state = State.CONNECTED;
    lastHeardNanos = nowNanos;
    return true;
  }

  /**
   * Sends a task, with its stage binary when the executor does not hold that stage attempt's.
   *
   * @return false when the executor is not connected (the task did not go out)
   */
  synchronized boolean launch(TaskDescription task) {
    if (state != State.CONNECTED) {
      return false;
    }
    LaunchTask.Builder launch =
        LaunchTask.newBuilder()
            .setTaskId(task.taskId())
            .setStageId(task.stageId())
            .setStageAttempt(task.stageAttempt())
            .setPartition(task.partition())
            .setAttemptNumber(task.attemptNumber());
    Integer held = binaryAttemptByStage.get(task.stageId());
    boolean withBinary = held == null || held != task.stageAttempt();
    if (withBinary) {
      launch.setBinary(ByteString.copyFrom(task.binary()));
    }
    if (!send(DriverMessage.newBuilder().setLaunchTask(launch).build())) {
      return false;
    }
    if (withBinary) {
      binaryAttemptByStage.put(task.stageId(), task.stageAttempt());
      binariesSent++;
    }
    return true;
  }

  /** Tells the executor to drop the binary of a finished stage attempt, if it holds it. */
  synchronized void dropStage(int stageId, int attempt) {
    Integer held = binaryAttemptByStage.get(stageId);
    if (held != null && held == attempt && state == State.CONNECTED) {
      binaryAttemptByStage.remove(stageId);
      send(
          DriverMessage.newBuilder()
              .setDropStage(DropStage.newBuilder().setStageId(stageId))
              .build());
    }
  }

  /** How many stage binaries went to this executor. */
  synchronized int binariesSent() {
    return binariesSent;
  }

  /** Sends a message if connected; false when it could not go out. */
  synchronized boolean send(DriverMessage message) {
    if (state != State.CONNECTED) {
      return false;
    }
    try {
      stream.onNext(message);
      return true;
    } catch (RuntimeException e) { // the call was cancelled under us
      return false;
    }
  }

  /**
   * Marks the executor removed and closes its stream, after a stop message when {@code stop}.
   *
   * @return false when it was removed already (so removal is reported once)
   */
  synchronized boolean remove(String reason, boolean stop) {
    if (state == State.REMOVED) {
      return false;
    }
    State was = state;
    state = State.REMOVED;
    if (was == State.CONNECTED) {
      try {
        if (stop) {
          stream.onNext(
              DriverMessage.newBuilder()
                  .setStop(StopExecutor.newBuilder().setReason(reason))
                  .build());
          stream.onCompleted();
        } else {
          stream.onError(Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
        }
      } catch (RuntimeException e) {
        // the stream is gone already
      }
    }
    return true;
  }
}
