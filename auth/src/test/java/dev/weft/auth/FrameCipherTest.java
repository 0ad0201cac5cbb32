package dev.weft.auth;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.Test;

public class FrameCipherTest {
  private static final byte[] SESSION = new byte[32];

  static {
    Arrays.fill(SESSION, (byte) 7);
  }

  private static ByteBuffer sealed(FrameCipher sealer, String text) {
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate((int) FrameCipher.sealedLength(plain.length));
    sealer.seal(ByteBuffer.wrap(plain), out);
    out.flip();
    assertEquals(plain.length + FrameCipher.TAG_BYTES, out.getInt());
    return out;
  }

  private static String opened(FrameCipher opener, ByteBuffer record) throws AEADBadTagException {
    ByteBuffer out = ByteBuffer.allocate(record.remaining());
    opener.open(record.duplicate(), out);
    return new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
  }

  @Test
  public void recordsOpenInOrderWithThePeersKey() throws Exception {
    FrameCipher sealer = FrameCipher.sealing(SESSION, "client");
    FrameCipher opener = FrameCipher.opening(SESSION, "client");
    ByteBuffer first = sealed(sealer, "first");
    ByteBuffer second = sealed(sealer, "second");
    assertFalse(new String(first.array(), StandardCharsets.ISO_8859_1).contains("first"));
    assertEquals("first", opened(opener, first));
    assertEquals("second", opened(opener, second));
  }

  @Test
  public void alteredRecordFailsItsTag() {
    FrameCipher sealer = FrameCipher.sealing(SESSION, "server");
    FrameCipher opener = FrameCipher.opening(SESSION, "server");
    ByteBuffer record = sealed(sealer, "block bytes");
    record.put(record.position() + 3, (byte) (record.get(record.position() + 3) ^ 1));
    assertThrows(AEADBadTagException.class, () -> opened(opener, record));
  }

  @Test
  public void replayedOrReorderedRecordFails() throws Exception {
    FrameCipher sealer = FrameCipher.sealing(SESSION, "server");
    FrameCipher opener = FrameCipher.opening(SESSION, "server");
    ByteBuffer first = sealed(sealer, "first");
    ByteBuffer second = sealed(sealer, "second");
    assertThrows(AEADBadTagException.class, () -> opened(opener, second));
    assertEquals("first", opened(opener, first));
    assertThrows(AEADBadTagException.class, () -> opened(opener, first));
  }

  @Test
  public void eachDirectionAndSessionHasItsOwnKey() {
    ByteBuffer fromClient = sealed(FrameCipher.sealing(SESSION, "client"), "x");
    assertThrows(
        AEADBadTagException.class,
        () -> opened(FrameCipher.opening(SESSION, "server"), fromClient));
    byte[] other = SESSION.clone();
    other[0] ^= 1;
    assertThrows(
        AEADBadTagException.class, () -> opened(FrameCipher.opening(other, "client"), fromClient));
  }

  @Test
  public void reservedSequenceNumbersKeepQueueOrder() throws Exception {
    FrameCipher sealer = FrameCipher.sealing(SESSION, "server");
    FrameCipher opener = FrameCipher.opening(SESSION, "server");
    long later = sealer.reserve(1);
    ByteBuffer sealedNow = sealed(sealer, "after");
    ByteBuffer sealedLate = ByteBuffer.allocate(64);
    sealer.seal(later, ByteBuffer.wrap("before".getBytes(StandardCharsets.UTF_8)), sealedLate);
    sealedLate.flip().getInt();
    assertEquals("before", opened(opener, sealedLate));
    assertEquals("after", opened(opener, sealedNow));
  }

  @Test
  public void sealedLengthCountsEveryRecord() {
    assertEquals(FrameCipher.OVERHEAD, FrameCipher.sealedLength(0));
    assertEquals(
        FrameCipher.MAX_PLAINTEXT + 1 + 2L * FrameCipher.OVERHEAD,
        FrameCipher.sealedLength(FrameCipher.MAX_PLAINTEXT + 1));
  }

  @Test
  public void serviceDataCarriesTheSecretAndTheFlag() {
    byte[] secret = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    ShuffleServiceData data =
        ShuffleServiceData.decode(new ShuffleServiceData(secret, true).encode());
    assertArrayEquals(secret, data.secret());
    assertTrue(data.encryptionRequired());
    ShuffleServiceData bare = ShuffleServiceData.decode(secret);
    assertArrayEquals(secret, bare.secret());
    assertFalse(bare.encryptionRequired());
  }
}
