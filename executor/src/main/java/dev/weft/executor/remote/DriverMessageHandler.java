package dev.weft.executor.remote;

import dev.weft.core.rpc.proto.DriverMessage;
import dev.weft.core.rpc.proto.LaunchTask;
import dev.weft.core.runtime.BlockId;
import dev.weft.executor.DelegationTokenUpdate;
import dev.weft.executor.Executor;
import dev.weft.executor.TaskStatusReporter;
import dev.weft.executor.storage.BlockManager;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Carries out what the driver sends down the stream; gRPC calls it on one thread at a time. */
final class DriverMessageHandler implements StreamObserver<DriverMessage> {
  private static final Logger LOG = LogManager.getLogger(DriverMessageHandler.class);

  /** Told once when the stream ends, with the exit code and why. */
  interface EndListener {
    void ended(int code, String why);
  }

  private final String executorId;
  private final Executor executor;
  private final BlockManager blocks;
  private final StageBinaries binaries;
  private final EndListener onEnd;
  private final TaskStatusReporter reporter;
  private volatile boolean stopReceived;

  DriverMessageHandler(
      String executorId,
      Executor executor,
      BlockManager blocks,
      StageBinaries binaries,
      EndListener onEnd,
      TaskStatusReporter reporter) {
    this.reporter = reporter;
    this.executorId = executorId;
    this.executor = executor;
    this.blocks = blocks;
    this.binaries = binaries;
    this.onEnd = onEnd;
  }

  @Override
  public void onNext(DriverMessage message) {
    switch (message.getKindCase()) {
      case LAUNCH_TASK -> launch(message.getLaunchTask());
      case KILL_TASK ->
          executor.kill(message.getKillTask().getTaskId(), message.getKillTask().getReason());
      case UNPERSIST -> blocks.removeNode(message.getUnpersist().getNodeId());
      case REMOVE_BROADCAST ->
          blocks.remove(BlockId.broadcast(message.getRemoveBroadcast().getBroadcastId()));
      case DROP_STAGE -> binaries.drop(message.getDropStage().getStageId());
      case UPDATE_CREDENTIALS ->
          DelegationTokenUpdate.apply(message.getUpdateCredentials().getTokens().toByteArray());
      case STOP -> {
        stopReceived = true;
        onEnd.ended(
            ExecutorRuntime.EXIT_STOPPED,
            "the driver stopped it: " + message.getStop().getReason());
      }
      default ->
          LOG.warn(
              "Executor {} ignores a driver message of unknown kind {}",
              executorId,
              message.getKindCase());
    }
  }

  private void launch(LaunchTask t) {
    byte[] binary;
    try {
      binary = binaries.forLaunch(t.getStageId(), t.getStageAttempt(), t.getBinary().toByteArray());
    } catch (IllegalStateException e) {
      reporter.taskEnded(
          t.getTaskId(),
          new TaskEndReason.ExceptionFailure(
              e.getClass().getName(), e.getMessage(), "", null, List.of(), null));
      return;
    }
    executor.launch(
        new TaskDescription(
            t.getTaskId(),
            executorId,
            t.getStageId(),
            t.getStageAttempt(),
            t.getPartition(),
            t.getAttemptNumber(),
            binary));
  }

  @Override
  public void onError(Throwable t) {
    if (!stopReceived) {
      onEnd.ended(
          ExecutorRuntime.EXIT_DRIVER_LOST,
          "lost the driver: " + Status.fromThrowable(t).toString());
    }
  }

  @Override
  public void onCompleted() {
    onEnd.ended(
        stopReceived ? ExecutorRuntime.EXIT_STOPPED : ExecutorRuntime.EXIT_DRIVER_LOST,
        "the driver closed the stream");
  }
}
