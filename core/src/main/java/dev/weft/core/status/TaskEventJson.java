package dev.weft.core.status;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes the two events every task produces ({@link StatusEvent.TaskStarted}, {@link
 * StatusEvent.TaskEnded}) field by field, byte for byte as Jackson's record serialization of {@link
 * StatusEvent} writes them (the event log holds two per task, so the reflective path was most of
 * the listener bus's time). EventLogTest checks that both ways agree.
 */
final class TaskEventJson {
  private TaskEventJson() {}

  /** Writes {@code e} as one JSON object. */
  static void write(StatusEvent.TaskStarted e, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("event", "TaskStarted");
    g.writeNumberField("time", e.time());
    g.writeFieldName("task");
    writeRef(e.task(), g);
    g.writeEndObject();
  }

  /** Writes {@code e} as one JSON object. */
  static void write(StatusEvent.TaskEnded e, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("event", "TaskEnded");
    g.writeNumberField("time", e.time());
    g.writeFieldName("task");
    writeRef(e.task(), g);
    g.writeFieldName("outcome");
    writeNullable(e.outcome() == null ? null : e.outcome().name(), g);
    g.writeFieldName("error");
    writeNullable(e.error(), g);
    g.writeFieldName("metrics");
    writeFigures(e.metrics(), g);
    g.writeEndObject();
  }

  private static void writeRef(StatusEvent.TaskRef t, JsonGenerator g) throws IOException {
    if (t == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("taskId", t.taskId());
    g.writeNumberField("stageId", t.stageId());
    g.writeNumberField("stageAttempt", t.stageAttempt());
    g.writeNumberField("index", t.index());
    g.writeNumberField("partition", t.partition());
    g.writeNumberField("attempt", t.attempt());
    g.writeFieldName("executorId");
    writeNullable(t.executorId(), g);
    g.writeFieldName("host");
    writeNullable(t.host(), g);
    g.writeFieldName("locality");
    writeNullable(t.locality(), g);
    g.writeNumberField("launchTime", t.launchTime());
    g.writeEndObject();
  }

  private static void writeFigures(TaskFigures m, JsonGenerator g) throws IOException {
    if (m == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("runTimeMillis", m.runTimeMillis());
    g.writeNumberField("gcTimeMillis", m.gcTimeMillis());
    g.writeNumberField("inputBytes", m.inputBytes());
    g.writeNumberField("inputRecords", m.inputRecords());
    g.writeNumberField("outputBytes", m.outputBytes());
    g.writeNumberField("outputRecords", m.outputRecords());
    g.writeNumberField("shuffleReadBytes", m.shuffleReadBytes());
    g.writeNumberField("shuffleReadRecords", m.shuffleReadRecords());
    g.writeNumberField("shuffleWriteBytes", m.shuffleWriteBytes());
    g.writeNumberField("shuffleWriteRecords", m.shuffleWriteRecords());
    g.writeNumberField("memoryBytesSpilled", m.memoryBytesSpilled());
    g.writeNumberField("diskBytesSpilled", m.diskBytesSpilled());
    g.writeNumberField("resultBytes", m.resultBytes());
    g.writeNumberField("peakExecutionMemory", m.peakExecutionMemory());
    g.writeEndObject();
  }

  private static void writeNullable(String s, JsonGenerator g) throws IOException {
    if (s == null) {
      g.writeNull();
    } else {
      g.writeString(s);
    }
  }
}
