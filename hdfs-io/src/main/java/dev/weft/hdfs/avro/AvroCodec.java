package dev.weft.hdfs.avro;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.file.CodecFactory;

/**
 * The compression codecs of the Avro files Weft writes. Each is stored in the file's header, so
 * readers need no setting to read the file back.
 */
public enum AvroCodec {
  /** Snappy: fast, moderate compression; the default. */
  SNAPPY("snappy") {
    @Override
    CodecFactory factory() {
      return CodecFactory.snappyCodec();
    }
  },
  /** Zstandard at Avro's default level: good compression at a good speed. */
  ZSTD("zstd") {
    @Override
    CodecFactory factory() {
      return CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL);
    }
  },
  /** Deflate (zlib) at its default level; also named {@code gzip}. */
  DEFLATE("deflate", "gzip") {
    @Override
    CodecFactory factory() {
      return CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
    }
  },
  /** No compression; also named {@code none}. */
  NULL("null", "none") {
    @Override
    CodecFactory factory() {
      return CodecFactory.nullCodec();
    }
  };

  private final String[] names;

  AvroCodec(String... names) {
    this.names = names;
  }

  /** The codec's name in configuration, e.g. {@code zstd}. */
  public String configName() {
    return names[0];
  }

  /** Avro's factory of the codec. */
  abstract CodecFactory factory();

  /**
   * The codec with the given name, ignoring case: {@code snappy}, {@code zstd}, {@code deflate} or
   * {@code gzip}, {@code null} or {@code none}.
   *
   * @throws IllegalArgumentException naming the valid codecs if {@code name} is none of them
   */
  public static AvroCodec fromName(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (AvroCodec codec : values()) {
      if (Arrays.asList(codec.names).contains(wanted)) {
        return codec;
      }
    }
    throw new IllegalArgumentException(
        "Unknown Avro codec '" + name + "'; valid codecs are " + validNames());
  }

  private static String validNames() {
    return Arrays.stream(values())
        .map(codec -> String.join(" (or ", codec.names) + (codec.names.length > 1 ? ")" : ""))
        .collect(Collectors.joining(", "));
  }
}
