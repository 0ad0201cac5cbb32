package dev.weft.shuffle.server;

import java.io.IOException;

/**
 * Told of every executor that registers over the protocol, so the registration can be persisted
 * (the YARN aux service's recovery store). Registrations replayed through {@link
 * ShuffleServer#registerExecutor} are not reported.
 */
@FunctionalInterface
public interface RegistrationListener {
  /** Ignores every registration. */
  RegistrationListener NONE = executor -> {};

  /**
   * Called on a network thread before the registration takes effect; keep it short.
   *
   * @throws IOException to refuse the registration: the executor gets an error frame with the
   *     message, and the service keeps its previous state
   */
  void executorRegistered(RegisteredExecutor executor) throws IOException;
}
