package dev.weft.core.status;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.function.Consumer;

/**
 * The event log's format: UTF-8 JSON lines. The first line is a header {@code
 * {"event":"LogStart","format":1}}; every other line is one {@link StatusEvent}. A reader accepts
 * unknown fields (of newer writers) and a truncated last line (the log of a running or crashed
 * driver).
 */
public final class EventLogFormat {
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  /** Event logs of running applications end in this. */
  public static final String IN_PROGRESS = ".inprogress";

  /** The mapper for events and for the REST API's documents. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  // Events are written one after another to one generator, which the writer flushes itself.
  private static final ObjectWriter EVENT_WRITER =
      JSON.writerFor(StatusEvent.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  private static final String HEADER = "{\"event\":\"LogStart\",\"format\":" + VERSION + "}";

  private EventLogFormat() {}

  /** The header line. */
  public static String header() {
    return HEADER;
  }

  /** One event as one line, without the line break. */
  public static String line(StatusEvent event) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      write(event, g);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write " + event + " as JSON", e);
    }
    return out.toString();
  }

  /**
   * Writes one event as one JSON object to {@code out} (no line break, no flush). Task events, two
   * per task, take a direct path; the others go through Jackson's serialization of the records.
   */
  public static void write(StatusEvent event, JsonGenerator out) throws IOException {
    if (event instanceof StatusEvent.TaskStarted e) {
      TaskEventJson.write(e, out);
    } else if (event instanceof StatusEvent.TaskEnded e) {
      TaskEventJson.write(e, out);
    } else {
      EVENT_WRITER.writeValue(out, event);
    }
  }

  /** The same line through Jackson's serialization of the records only (tests compare). */
  static String reflectiveLine(StatusEvent event) throws JsonProcessingException {
    return EVENT_WRITER.writeValueAsString(event);
  }

  /** Parses one event line. */
  public static StatusEvent parse(String line) throws JsonProcessingException {
    return JSON.readValue(line, StatusEvent.class);
  }

  /**
   * Reads a whole log and hands each event to {@code sink}.
   *
   * @param name the log's name, for errors
   * @throws IOException when the file is not a Weft event log or a line other than the last one is
   *     not an event
   */
  public static void replay(BufferedReader in, String name, Consumer<StatusEvent> sink)
      throws IOException {
    String first = in.readLine();
    if (first == null) {
      return; // created, nothing written yet
    }
    com.fasterxml.jackson.databind.JsonNode header;
    try {
      header = JSON.readTree(first);
    } catch (JsonProcessingException e) {
      header = null;
    }
    if (header == null || !"LogStart".equals(header.path("event").asText())) {
      throw new IOException(
          "Not a Weft event log: "
              + name
              + " (expected a LogStart header line, found '"
              + (first.length() > 80 ? first.substring(0, 80) + "..." : first)
              + "')");
    }
    int format = header.path("format").asInt(-1);
    if (format != VERSION) {
      throw new IOException(
          "Event log " + name + " has format " + format + "; this Weft reads format " + VERSION);
    }
    String line = in.readLine();
    int number = 1;
    while (line != null) {
      number++;
      String next = in.readLine();
      if (!line.isBlank()) {
        StatusEvent event;
        try {
          event = parse(line);
        } catch (JsonProcessingException e) {
          if (next == null) {
            break; // a last line cut short by a running or crashed writer
          }
          throw new IOException(
              "Event log "
                  + name
                  + " line "
                  + number
                  + " is not an event: "
                  + e.getOriginalMessage(),
              e);
        }
        sink.accept(event);
      }
      line = next;
    }
  }
}
