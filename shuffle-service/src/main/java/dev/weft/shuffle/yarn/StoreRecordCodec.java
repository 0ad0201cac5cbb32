package dev.weft.shuffle.yarn;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of the recovery store's files. Both files, the snapshot and the log, are a header
 * followed by framed records; all integers are big-endian.
 *
 * <pre>
 * file    = magic "WEFTSHRS" (8 bytes) | format version (int, 1) | kind (byte: 'S' snapshot, 'L' log)
 *           | frame*
 * frame   = payload length (int, 1 to 1 MiB) | payload | CRC32C of (length bytes | payload) (int)
 * payload = type (byte) | fields
 *   1 application registered: appId (string) | secret (int length | bytes) | user (string,
 *                             optional); the "secret" is the application's service data as
 *                             given: a bare secret, or dev.weft.auth.ShuffleServiceData's encoding
 *                             of the secret and the encryption-required flag
 *   2 executor registered:    appId (string) | executorId (string) | sub-dirs per dir (int)
 *                             | dir count (int) | dir (string)*
 *   3 application removed:    appId (string)
 *   4 snapshot end:           number of frames before it (int); the last frame of a snapshot
 * string  = byte length (int) | UTF-8 bytes
 * </pre>
 *
 * The checksum covers the length too, so a corrupt length is caught before it is trusted.
 */
final class StoreRecordCodec {
  static final byte[] MAGIC = "WEFTSHRS".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT_VERSION = 1;
  static final byte KIND_SNAPSHOT = 'S';
  static final byte KIND_LOG = 'L';
  static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES + 1;
  static final int MAX_PAYLOAD = 1 << 20;

  /** Bytes a frame adds around its payload: the length before it and the checksum after it. */
  static final int FRAME_OVERHEAD = 2 * Integer.BYTES;

  private static final byte APPLICATION_REGISTERED = 1;
  private static final byte EXECUTOR_REGISTERED = 2;
  private static final byte APPLICATION_REMOVED = 3;
  private static final byte SNAPSHOT_END = 4;

  private StoreRecordCodec() {}

  /** The header of a file of the given kind. */
  static ByteBuffer header(byte kind) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
    b.put(MAGIC).putInt(FORMAT_VERSION).put(kind).flip();
    return b;
  }

  /**
   * Checks a file's header.
   *
   * @return null when it is valid, else what was expected and found
   */
  static String checkHeader(ByteBuffer file, byte kind) {
    if (file.remaining() < HEADER_LENGTH) {
      return "expected a header of " + HEADER_LENGTH + " bytes, found " + file.remaining();
    }
    byte[] magic = new byte[MAGIC.length];
    file.get(magic);
    int version = file.getInt();
    byte foundKind = file.get();
    if (!Arrays.equals(magic, MAGIC)) {
      return "expected magic WEFTSHRS, found other bytes";
    }
    if (version != FORMAT_VERSION) {
      return "expected format version " + FORMAT_VERSION + ", found " + version;
    }
    if (foundKind != kind) {
      return "expected file kind '" + (char) kind + "', found " + foundKind;
    }
    return null;
  }

  /** The framed bytes of one record. */
  static ByteBuffer frame(StoreRecord record) {
    byte[] payload = payload(record);
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "record of " + payload.length + " bytes exceeds " + MAX_PAYLOAD + ": " + record);
    }
    ByteBuffer b = ByteBuffer.allocate(payload.length + FRAME_OVERHEAD);
    b.putInt(payload.length).put(payload);
    b.putInt(checksum(b.array(), 0, Integer.BYTES + payload.length));
    b.flip();
    return b;
  }

  /** CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
  static int checksum(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  private static byte[] payload(StoreRecord record) {
    PayloadWriter w = new PayloadWriter();
    if (record instanceof StoreRecord.ApplicationRegistered r) {
      w.writeByte(APPLICATION_REGISTERED);
      w.writeString(r.appId());
      w.writeBytes(r.secret());
      if (r.user() != null) {
        // Optional trailing field: records written before it decode with no user.
        w.writeString(r.user());
      }
    } else if (record instanceof StoreRecord.ExecutorRegistered r) {
      w.writeByte(EXECUTOR_REGISTERED);
      w.writeString(r.appId());
      w.writeString(r.executorId());
      w.writeInt(r.subDirsPerDir());
      w.writeInt(r.localDirs().size());
      r.localDirs().forEach(w::writeString);
    } else if (record instanceof StoreRecord.ApplicationRemoved r) {
      w.writeByte(APPLICATION_REMOVED);
      w.writeString(r.appId());
    } else {
      w.writeByte(SNAPSHOT_END);
      w.writeInt(((StoreRecord.SnapshotEnd) record).recordCount());
    }
    return w.toByteArray();
  }

  /**
   * Decodes a payload whose checksum was verified.
   *
   * @throws MalformedRecordException when the payload is not a record of this format
   */
  static StoreRecord decode(ByteBuffer payload) throws MalformedRecordException {
    try {
      byte type = payload.get();
      StoreRecord record =
          switch (type) {
            case APPLICATION_REGISTERED -> {
              String appId = readString(payload);
              byte[] secret = readBytes(payload);
              String user = payload.hasRemaining() ? readString(payload) : null;
              yield new StoreRecord.ApplicationRegistered(appId, secret, user);
            }
            case EXECUTOR_REGISTERED -> {
              String appId = readString(payload);
              String executorId = readString(payload);
              int subDirsPerDir = payload.getInt();
              int count = payload.getInt();
              if (count < 0 || count > payload.remaining() / Integer.BYTES) {
                throw new MalformedRecordException("impossible dir count " + count);
              }
              List<String> dirs = new ArrayList<>(count);
              for (int i = 0; i < count; i++) {
                dirs.add(readString(payload));
              }
              yield new StoreRecord.ExecutorRegistered(appId, executorId, dirs, subDirsPerDir);
            }
            case APPLICATION_REMOVED -> new StoreRecord.ApplicationRemoved(readString(payload));
            case SNAPSHOT_END -> new StoreRecord.SnapshotEnd(readCount(payload));
            default -> throw new MalformedRecordException("unknown record type " + type);
          };
      if (payload.hasRemaining()) {
        throw new MalformedRecordException(
            payload.remaining() + " unexpected bytes after a " + record.getClass().getSimpleName());
      }
      return record;
    } catch (BufferUnderflowException e) {
      throw new MalformedRecordException("record ends early");
    }
  }

  private static int readCount(ByteBuffer b) throws MalformedRecordException {
    int n = b.getInt();
    if (n < 0) {
      throw new MalformedRecordException("negative count " + n);
    }
    return n;
  }

  private static byte[] readBytes(ByteBuffer b) throws MalformedRecordException {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new MalformedRecordException("impossible length " + n);
    }
    byte[] bytes = new byte[n];
    b.get(bytes);
    return bytes;
  }

  private static String readString(ByteBuffer b) throws MalformedRecordException {
    byte[] bytes = readBytes(b);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedRecordException("a string is not valid UTF-8");
    }
  }

  /** A checksummed payload that is not a record of this format. */
  static final class MalformedRecordException extends Exception {
    MalformedRecordException(String message) {
      super(message);
    }
  }

  /** Appends big-endian fields to a growing array. */
  private static final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void writeByte(int b) {
      out.write(b);
    }

    void writeInt(int n) {
      out.write(n >>> 24);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
    }

    void writeBytes(byte[] bytes) {
      writeInt(bytes.length);
      out.writeBytes(bytes);
    }

    void writeString(String s) {
      writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
