package dev.weft.shuffle.internal;

import dev.weft.auth.ChallengeResponse;

/**
 * The challenge-response of the shuffle handshake: {@link ChallengeResponse} (module {@code auth},
 * shared with the driver RPC) with the label {@code "weft-shuffle"} and no channel binding. Each
 * side proves it knows the application's secret with HMAC-SHA256 over the role, the protocol
 * version, the application id and both nonces; the secret itself never crosses the wire.
 */
public final class HandshakeCrypto {
  /** Bytes in each side's nonce. */
  public static final int NONCE_BYTES = ChallengeResponse.NONCE_BYTES;

  private static final ChallengeResponse SHUFFLE = new ChallengeResponse("weft-shuffle");

  private HandshakeCrypto() {}

  /** A fresh random nonce. */
  public static byte[] newNonce() {
    return ChallengeResponse.newNonce();
  }

  /** The client's proof of knowing {@code secret}. */
  public static byte[] clientProof(
      byte[] secret, int version, String appId, byte[] clientNonce, byte[] serverNonce) {
    return SHUFFLE.clientProof(
        new ChallengeResponse.Exchange(secret, version, appId, clientNonce, serverNonce));
  }

  /** The server's proof of knowing {@code secret}. */
  public static byte[] serverProof(
      byte[] secret, int version, String appId, byte[] clientNonce, byte[] serverNonce) {
    return SHUFFLE.serverProof(
        new ChallengeResponse.Exchange(secret, version, appId, clientNonce, serverNonce));
  }

  /** Compares two proofs in time independent of where they differ. */
  public static boolean matches(byte[] expected, byte[] actual) {
    return ChallengeResponse.matches(expected, actual);
  }
}
