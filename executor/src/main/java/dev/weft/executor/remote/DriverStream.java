package dev.weft.executor.remote;

import com.google.protobuf.ByteString;
import dev.weft.api.StorageLevel;
import dev.weft.core.rpc.RpcCodec;
import dev.weft.core.rpc.proto.ExecutorMessage;
import dev.weft.core.rpc.proto.Heartbeat;
import dev.weft.core.rpc.proto.TaskEnded;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.executor.TaskStatusReporter;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executor's side of its stream to the driver: serializes writes (a gRPC stream observer is not
 * thread-safe; task threads, the heartbeat timer and the block manager all write) and drops them
 * once the stream is closed. Writes only queue; they never block.
 */
final class DriverStream implements TaskStatusReporter, BlockStatusListener {
  private static final Logger LOG = LogManager.getLogger(DriverStream.class);

  private StreamObserver<ExecutorMessage> out;
  private boolean closed;

  synchronized void attach(StreamObserver<ExecutorMessage> observer) {
    this.out = observer;
  }

  @Override
  public void taskEnded(long taskId, TaskEndReason reason) {
    byte[] bytes;
    try {
      bytes = RpcCodec.encodeEnd(reason);
    } catch (RuntimeException e) {
      LOG.warn("Cannot serialize the end of task {}: {}", taskId, e.toString());
      bytes =
          RpcCodec.encodeEnd(
              new TaskEndReason.ExceptionFailure(
                  e.getClass().getName(),
                  "the task's end could not be serialized: " + e.getMessage(),
                  "",
                  null,
                  List.of(),
                  null));
    }
    send(
        ExecutorMessage.newBuilder()
            .setTaskEnded(
                TaskEnded.newBuilder().setTaskId(taskId).setReason(ByteString.copyFrom(bytes)))
            .build());
  }

  @Override
  public void blockUpdated(
      String executorId,
      String host,
      BlockId block,
      StorageLevel level,
      long memoryBytes,
      long diskBytes) {
    send(
        ExecutorMessage.newBuilder()
            .setBlockUpdate(RpcCodec.encodeBlock(block, level, memoryBytes, diskBytes))
            .build());
  }

  void heartbeat(List<Long> runningTaskIds) {
    send(
        ExecutorMessage.newBuilder()
            .setHeartbeat(Heartbeat.newBuilder().addAllRunningTaskIds(runningTaskIds))
            .build());
  }

  private synchronized void send(ExecutorMessage message) {
    if (out == null || closed) {
      return;
    }
    try {
      out.onNext(message);
    } catch (RuntimeException e) { // the call was cancelled under us
      LOG.debug("Dropped a message to the driver: {}", e.toString());
    }
  }

  /** Ends our half of the stream; later writes are dropped. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (out != null) {
      try {
        out.onCompleted();
      } catch (RuntimeException e) {
        // already closed
      }
    }
  }
}
