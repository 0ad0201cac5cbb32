package dev.weft.shuffle.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.ByteBuffer;
import org.junit.Test;

/** The 4-byte metadata that tells executors the service's port. */
public class ShuffleServiceMetaDataTest {

  @Test
  public void thePortIsFourBigEndianBytes() {
    ByteBuffer m = ShuffleServiceMetaData.encodePort(7447);

    assertEquals(4, m.remaining());
    assertEquals(0x00, m.get(0));
    assertEquals(0x00, m.get(1));
    assertEquals(0x1d, m.get(2));
    assertEquals(0x17, m.get(3));
    assertEquals(7447, ShuffleServiceMetaData.decodePort(m));
    assertEquals("decoding leaves the buffer as it was", 0, m.position());
  }

  @Test
  public void metadataOfAnotherLengthOrAnImpossiblePortIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ShuffleServiceMetaData.decodePort(ByteBuffer.allocate(8)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ShuffleServiceMetaData.decodePort(ByteBuffer.allocate(4).putInt(0, 70000)));
    assertThrows(IllegalArgumentException.class, () -> ShuffleServiceMetaData.encodePort(0));
  }
}
