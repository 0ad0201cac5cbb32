package dev.weft.engine.layer;

import dev.weft.api.Dataset;
import dev.weft.api.WeftContext;

/** Stands for an API layer above core, as the structured layer is. */
public final class Layer {
  private Layer() {}

  /** The numbers 1 to 10, made by this layer for its user. */
  public static Dataset<Long> numbers(WeftContext weft) {
    return weft.range(0, 10, 1, 2).map(x -> x + 1);
  }
}
