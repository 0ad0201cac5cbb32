package dev.weft.core.rpc;

/** Driver and executor could not authenticate each other; the message says why, in one line. */
public final class RpcAuthenticationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RpcAuthenticationException(String message) {
    super(message);
  }

  public RpcAuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
