package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.charset.StandardCharsets;

/**
 * Writes a string as its UTF-8 byte count plus one (0 for null) and the bytes. The JDK encodes and
 * decodes ASCII strings, most strings in data jobs, with bulk array copies, where Kryo's own string
 * serializer handles strings of 64 characters or more one character at a time.
 */
final class Utf8StringSerializer extends Serializer<String> {
  Utf8StringSerializer() {
    super(true, true);
  }

  @Override
  public void write(Kryo kryo, Output output, String value) {
    if (value == null) {
      output.writeVarInt(0, true);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    output.writeVarInt(bytes.length + 1, true);
    output.writeBytes(bytes);
  }

  @Override
  public String read(Kryo kryo, Input input, Class<? extends String> type) {
    int length = input.readVarInt(true) - 1;
    if (length < 0) {
      return null;
    }
    // Decode in place when the input's buffer holds the whole string; copy it out otherwise.
    if (input.limit() - input.position() >= length) {
      int start = input.position();
      input.setPosition(start + length);
      return new String(input.getBuffer(), start, length, StandardCharsets.UTF_8);
    }
    return new String(input.readBytes(length), StandardCharsets.UTF_8);
  }
}
