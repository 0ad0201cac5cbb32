package dev.weft.auth;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.Test;

public class ChallengeResponseTest {
  private static final ChallengeResponse SHUFFLE = new ChallengeResponse("weft-shuffle");
  private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

  private static ChallengeResponse.Exchange exchange(byte[] secret, String app, byte[]... binding) {
    byte[] cn = new byte[32];
    byte[] sn = new byte[32];
    for (int i = 0; i < 32; i++) {
      cn[i] = (byte) i;
      sn[i] = (byte) (100 + i);
    }
    return new ChallengeResponse.Exchange(secret, 1, app, cn, sn, binding);
  }

  @Test
  public void shuffleProofsAreThoseOfTheShuffleProtocolBeforeTheExtraction() {
    // Computed with dev.weft.shuffle.internal.HandshakeCrypto before it moved here: the shuffle
    // wire must not change.
    ChallengeResponse.Exchange e = exchange(SECRET, "application_1_0001");
    assertEquals(
        "5c94876ec7509e68b6be08c7a24287df4f241d1d3d70e920be3cd16914fddfc3",
        HexFormat.of().formatHex(SHUFFLE.clientProof(e)));
    assertEquals(
        "5dc4ff5764ecce474cc1b98d142b0e0618fe62cae90a8592ad795616d7cb58ad",
        HexFormat.of().formatHex(SHUFFLE.serverProof(e)));
  }

  @Test
  public void proofsDifferByRoleLabelSecretApplicationAndBinding() {
    ChallengeResponse.Exchange e = exchange(SECRET, "app_1");
    byte[] client = SHUFFLE.clientProof(e);
    assertFalse(Arrays.equals(client, SHUFFLE.serverProof(e)));
    assertFalse(Arrays.equals(client, SHUFFLE.sessionKey(e)));
    assertFalse(Arrays.equals(client, new ChallengeResponse("weft-driver").clientProof(e)));
    assertFalse(Arrays.equals(client, SHUFFLE.clientProof(exchange("other".getBytes(), "app_1"))));
    assertFalse(Arrays.equals(client, SHUFFLE.clientProof(exchange(SECRET, "app_2"))));
    assertFalse(Arrays.equals(client, SHUFFLE.clientProof(exchange(SECRET, "app_1", new byte[1]))));
    assertArrayEquals(client, SHUFFLE.clientProof(exchange(SECRET, "app_1")));
  }

  @Test
  public void matchesComparesWholeProofs() {
    byte[] proof = SHUFFLE.clientProof(exchange(SECRET, "app_1"));
    assertTrue(ChallengeResponse.matches(proof, proof.clone()));
    assertFalse(ChallengeResponse.matches(proof, Arrays.copyOf(proof, 31)));
    assertFalse(ChallengeResponse.matches(proof, null));
  }

  @Test
  public void anEmptySecretIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> SHUFFLE.clientProof(exchange(new byte[0], "a")));
  }

  @Test
  public void noncesAreFreshAndOfTheDeclaredSize() {
    byte[] a = ChallengeResponse.newNonce();
    assertEquals(ChallengeResponse.NONCE_BYTES, a.length);
    assertFalse(Arrays.equals(a, ChallengeResponse.newNonce()));
  }
}
