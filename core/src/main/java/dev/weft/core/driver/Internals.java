package dev.weft.core.driver;

import dev.weft.api.Accumulator;
import dev.weft.api.Dataset;
import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftContext;
import dev.weft.core.plan.PlanNode;

/**
 * The internal side of the public API, for Weft's own modules (the structured layer, the UI, the
 * ApplicationMaster, tests): the {@link DriverRuntime} behind a {@link WeftContext}, and the plan
 * node behind a {@link Dataset}. Users program against {@code dev.weft.api} only.
 *
 * <p>{@code dev.weft.api} keeps its constructors and fields package-private so that users cannot
 * reach them; it hands this class an {@link Api} once, when {@link WeftContext} is initialized (the
 * "shared secrets" pattern of the JDK).
 */
public final class Internals {
  private static volatile Api api;

  private Internals() {}

  /** What {@code dev.weft.api} lets internal code do; implemented there. */
  public interface Api {
    DriverRuntime runtime(WeftContext context);

    <T> Dataset<T> dataset(WeftContext context, PlanNode<T> node);

    <K, V> PairDataset<K, V> pairDataset(WeftContext context, PlanNode<Tuple2<K, V>> node);

    <T> PlanNode<T> node(Dataset<T> dataset);

    /** Gives a new accumulator its id and name (the driver merges task updates by id). */
    void bindAccumulator(Accumulator<?, ?> accumulator, long id, String name);
  }

  /**
   * Called once by {@link WeftContext}'s static initializer.
   *
   * @throws IllegalStateException when called again
   */
  public static synchronized void install(Api implementation) {
    if (api != null) {
      throw new IllegalStateException("the internal API is installed already");
    }
    api = implementation;
  }

  /** The driver runtime of {@code context}. */
  public static DriverRuntime of(WeftContext context) {
    return api().runtime(context);
  }

  /** The lineage node a dataset stands for. */
  public static <T> PlanNode<T> node(Dataset<T> dataset) {
    return api().node(dataset);
  }

  static Api api() {
    Api a = api;
    if (a == null) {
      try {
        // Runs WeftContext's static initializer, which installs the API.
        Class.forName(WeftContext.class.getName(), true, WeftContext.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = api;
    }
    return a;
  }
}
