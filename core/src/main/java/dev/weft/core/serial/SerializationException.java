package dev.weft.core.serial;

/** A record, function or result could not be serialized or deserialized. */
public final class SerializationException extends RuntimeException {
  public SerializationException(String message, Throwable cause) {
    super(
        message + (cause != null && cause.getMessage() != null ? ": " + firstLine(cause) : ""),
        cause);
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
