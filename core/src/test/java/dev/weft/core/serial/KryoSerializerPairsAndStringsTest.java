package dev.weft.core.serial;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import dev.weft.api.Tuple2;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** Strings and pairs, the bulk of shuffle records, through Weft's own Kryo serializers. */
public class KryoSerializerPairsAndStringsTest {
  private static final List<String> STRINGS =
      Arrays.asList(
          null,
          "",
          "a",
          "word",
          "x".repeat(63),
          "!~ TeraSort key then a long ASCII payload ".repeat(5),
          "caf\u00e9 na\u00efve",
          "\u65e5\u672c\u8a9e\u306e\u6587\u5b57\u5217",
          "emoji \ud83d\ude00 and a lone surrogate \ud800 end",
          "nul \u0000 inside");

  private static <T> List<T> roundTripStream(KryoSerializer serializer, List<T> records, int buf) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (RecordWriter writer = serializer.newWriter(bytes, buf)) {
      records.forEach(writer::write);
    }
    List<T> back = new ArrayList<>();
    serializer
        .<T>newReader(new ByteArrayInputStream(bytes.toByteArray()), buf)
        .forEachRemaining(back::add);
    return back;
  }

  private static String expectedAfterUtf8(String s) {
    // A lone surrogate is not valid UTF-16: like any UTF-8 encoder, it becomes '?'.
    return s == null ? null : s.replace("\ud800", "?");
  }

  @Test
  public void everyStringComesBackEqualOneShotAndStreamedThroughSmallAndLargeBuffers() {
    for (boolean references : new boolean[] {true, false}) {
      KryoSerializer serializer = new KryoSerializer(references, false, List.of());
      List<String> expected = new ArrayList<>();
      STRINGS.forEach(s -> expected.add(expectedAfterUtf8(s)));
      for (String s : STRINGS) {
        assertEquals(expectedAfterUtf8(s), serializer.deserialize(serializer.serialize(s)));
      }
      // A 16-byte buffer makes long strings straddle refills, so they are copied, not decoded in
      // place.
      assertEquals(expected, roundTripStream(serializer, STRINGS, 16));
      assertEquals(expected, roundTripStream(serializer, STRINGS, 64 * 1024));
    }
  }

  @Test
  public void pairsOfAnyElementsComeBackEqual() {
    List<Tuple2<?, ?>> pairs = new ArrayList<>();
    pairs.add(Tuple2.of("key", 1L));
    pairs.add(Tuple2.of(null, null));
    pairs.add(Tuple2.of(7, Tuple2.of("nested", 2.5)));
    pairs.add(Tuple2.of("list", new ArrayList<>(List.of("a", "b"))));
    pairs.add(Tuple2.of("caf\u00e9", "\ud83d\ude00".repeat(40)));
    for (boolean references : new boolean[] {true, false}) {
      KryoSerializer serializer = new KryoSerializer(references, false, List.of());
      assertEquals(pairs, roundTripStream(serializer, pairs, 16));
      assertEquals(pairs, roundTripStream(serializer, pairs, 4096));
    }
  }

  @Test
  public void pairsAndStringsAreWrittenWithoutClassNames() {
    KryoSerializer serializer = new KryoSerializer(true, false, List.of());
    String record =
        new String(
            serializer.serialize(Tuple2.of("k", "v")),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertFalse(record, record.contains("Tuple2"));
    assertFalse(record, record.contains("java.lang"));
  }
}
