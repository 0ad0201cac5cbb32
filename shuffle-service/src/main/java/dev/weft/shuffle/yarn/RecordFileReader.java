package dev.weft.shuffle.yarn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the framed records of one recovery store file, keeping every record whose checksum holds
 * and reporting every byte range it had to drop. After a damaged frame it resynchronizes on the
 * next position where a frame's length and checksum agree, so one bad record costs only itself.
 */
final class RecordFileReader {
  private RecordFileReader() {}

  /** A record and the byte offset of its frame in the file. */
  record Entry(long offset, StoreRecord record) {}

  /**
   * What a file held.
   *
   * @param entries the records that were read, in file order
   * @param problems one line per dropped range or record, naming the file and the byte offset
   */
  record Contents(List<Entry> entries, List<String> problems) {
    boolean damaged() {
      return !problems.isEmpty();
    }
  }

  /**
   * Reads {@code file}, which must start with the header of {@code kind}.
   *
   * @throws IOException when the file cannot be read; damage to its contents is reported in the
   *     result instead
   */
  static Contents read(Path file, byte kind) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String headerProblem = StoreRecordCodec.checkHeader(bytes.duplicate(), kind);
    if (headerProblem != null) {
      problems.add(
          file
              + ": invalid header ("
              + headerProblem
              + "); dropped the whole file of "
              + bytes.limit()
              + " bytes");
      return new Contents(entries, problems);
    }
    int pos = StoreRecordCodec.HEADER_LENGTH;
    while (pos < bytes.limit()) {
      int length = validFrameLength(bytes, pos);
      if (length < 0) {
        int next = nextValidFrame(bytes, pos + 1);
        problems.add(
            file
                + ": bytes "
                + pos
                + " to "
                + (next - 1)
                + " ("
                + (next - pos)
                + " bytes) hold no intact record"
                + describeDamaged(bytes, pos)
                + "; dropped them");
        pos = next;
        continue;
      }
      ByteBuffer payload = bytes.slice(pos + Integer.BYTES, length);
      try {
        entries.add(new Entry(pos, StoreRecordCodec.decode(payload)));
      } catch (StoreRecordCodec.MalformedRecordException e) {
        problems.add(
            file
                + ": record at byte "
                + pos
                + " is malformed ("
                + e.getMessage()
                + "); dropped it");
      }
      pos += length + StoreRecordCodec.FRAME_OVERHEAD;
    }
    return new Contents(entries, problems);
  }

  /** The payload length of the frame at {@code pos} when it is intact, else -1. */
  private static int validFrameLength(ByteBuffer bytes, int pos) {
    int limit = bytes.limit();
    if (limit - pos < StoreRecordCodec.FRAME_OVERHEAD) {
      return -1;
    }
    int length = bytes.getInt(pos);
    if (length < 1
        || length > StoreRecordCodec.MAX_PAYLOAD
        || length > limit - pos - StoreRecordCodec.FRAME_OVERHEAD) {
      return -1;
    }
    int stored = bytes.getInt(pos + Integer.BYTES + length);
    int actual = StoreRecordCodec.checksum(bytes.array(), pos, Integer.BYTES + length);
    return stored == actual ? length : -1;
  }

  /**
   * What the damaged frame at {@code pos} seems to hold, when its length is plausible and its
   * payload still decodes (the damage is elsewhere in it): e.g. {@code " (apparently the
   * registration of application_1_0002)"}; else the empty string.
   */
  private static String describeDamaged(ByteBuffer bytes, int pos) {
    if (bytes.limit() - pos < StoreRecordCodec.FRAME_OVERHEAD) {
      return "";
    }
    int length = bytes.getInt(pos);
    if (length < 1 || length > bytes.limit() - pos - StoreRecordCodec.FRAME_OVERHEAD) {
      return "";
    }
    try {
      StoreRecord record = StoreRecordCodec.decode(bytes.slice(pos + Integer.BYTES, length));
      return " (apparently " + describe(record) + ")";
    } catch (StoreRecordCodec.MalformedRecordException | RuntimeException e) {
      return "";
    }
  }

  /** A record in words, naming its application. */
  static String describe(StoreRecord record) {
    if (record instanceof StoreRecord.ApplicationRegistered r) {
      return "the registration of application " + r.appId();
    }
    if (record instanceof StoreRecord.ExecutorRegistered r) {
      return "the registration of executor " + r.executorId() + " of application " + r.appId();
    }
    if (record instanceof StoreRecord.ApplicationRemoved r) {
      return "the removal of application " + r.appId();
    }
    return "the end of a snapshot";
  }

  /** The first position from {@code from} where an intact frame starts, or the file's end. */
  private static int nextValidFrame(ByteBuffer bytes, int from) {
    for (int p = from; p < bytes.limit(); p++) {
      if (validFrameLength(bytes, p) >= 0) {
        return p;
      }
    }
    return bytes.limit();
  }
}
