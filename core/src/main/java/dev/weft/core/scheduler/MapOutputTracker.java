package dev.weft.core.scheduler;

import dev.weft.core.runtime.MapOutputSource;
import dev.weft.core.runtime.MapStatus;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's record of where every map output is. Written by the scheduler thread, read by reduce
 * tasks (through {@link MapOutputSource}) from any thread.
 */
public final class MapOutputTracker implements MapOutputSource {
  private final ConcurrentHashMap<Integer, MapStatus[]> outputs = new ConcurrentHashMap<>();

  void registerShuffle(int shuffleId, int numMaps) {
    outputs.putIfAbsent(shuffleId, new MapStatus[numMaps]);
  }

  boolean containsShuffle(int shuffleId) {
    return outputs.containsKey(shuffleId);
  }

  void registerMapOutput(int shuffleId, MapStatus status) {
    MapStatus[] s = outputs.get(shuffleId);
    synchronized (s) {
      s[status.mapId()] = status;
    }
  }

  /** Forgets one map output, e.g. after a fetch failure; only if it is the one given. */
  void unregisterMapOutput(int shuffleId, int mapId, String executorId) {
    MapStatus[] s = outputs.get(shuffleId);
    if (s == null) {
      return;
    }
    synchronized (s) {
      if (s[mapId] != null && (executorId == null || s[mapId].executorId().equals(executorId))) {
        s[mapId] = null;
      }
    }
  }

  /** Forgets every map output of a shuffle, e.g. before an indeterminate map stage runs again. */
  void unregisterAllMapOutputs(int shuffleId) {
    MapStatus[] s = outputs.get(shuffleId);
    if (s == null) {
      return;
    }
    synchronized (s) {
      java.util.Arrays.fill(s, null);
    }
  }

  /**
   * Forgets every map output, of every shuffle, that the shuffle service serving map output {@code
   * mapId} of {@code shuffleId} serves: that service could not be reached, so its node's outputs
   * are lost. Does nothing unless that output is still the one {@code executorId} wrote (a late
   * report must not drop outputs computed again elsewhere); an output read from its executor's own
   * files ({@code shufflePort == 0}) is forgotten alone.
   *
   * @return how many map outputs were forgotten
   */
  int removeOutputsOfServiceOf(int shuffleId, int mapId, String executorId) {
    MapStatus[] failed = outputs.get(shuffleId);
    MapStatus lost;
    if (failed == null) {
      return 0;
    }
    synchronized (failed) {
      lost = failed[mapId];
    }
    if (lost == null || (executorId != null && !lost.executorId().equals(executorId))) {
      return 0;
    }
    if (lost.shufflePort() == 0) {
      unregisterMapOutput(shuffleId, mapId, executorId);
      return 1;
    }
    int removed = 0;
    for (MapStatus[] s : outputs.values()) {
      synchronized (s) {
        for (int i = 0; i < s.length; i++) {
          if (s[i] != null
              && s[i].shufflePort() == lost.shufflePort()
              && s[i].host().equals(lost.host())) {
            s[i] = null;
            removed++;
          }
        }
      }
    }
    return removed;
  }

  /**
   * Forgets every output served by the shuffle service at {@code host:port}: its node is gone.
   *
   * @return the shuffles that lost outputs
   */
  java.util.Set<Integer> removeOutputsOfService(String host, int port) {
    java.util.Set<Integer> shuffles = new java.util.TreeSet<>();
    for (java.util.Map.Entry<Integer, MapStatus[]> e : outputs.entrySet()) {
      MapStatus[] s = e.getValue();
      synchronized (s) {
        for (int i = 0; i < s.length; i++) {
          if (s[i] != null && s[i].shufflePort() == port && s[i].host().equals(host)) {
            s[i] = null;
            shuffles.add(e.getKey());
          }
        }
      }
    }
    return shuffles;
  }

  /**
   * Forgets the outputs an executor that is gone served from its own files. Outputs served by its
   * node's shuffle service ({@code shufflePort > 0}) stay: the service still has them, and a failed
   * fetch marks them lost if it does not.
   */
  void removeOutputsOnExecutor(String executorId) {
    for (MapStatus[] s : outputs.values()) {
      synchronized (s) {
        for (int i = 0; i < s.length; i++) {
          if (s[i] != null && s[i].executorId().equals(executorId) && s[i].shufflePort() == 0) {
            s[i] = null;
          }
        }
      }
    }
  }

  int availableOutputs(int shuffleId) {
    MapStatus[] s = outputs.get(shuffleId);
    int n = 0;
    synchronized (s) {
      for (MapStatus m : s) {
        if (m != null) {
          n++;
        }
      }
    }
    return n;
  }

  boolean isAvailable(int shuffleId, int mapId) {
    MapStatus[] s = outputs.get(shuffleId);
    synchronized (s) {
      return s[mapId] != null;
    }
  }

  void unregisterShuffle(int shuffleId) {
    outputs.remove(shuffleId);
  }

  @Override
  public MapStatus[] statuses(int shuffleId) {
    MapStatus[] s = outputs.get(shuffleId);
    if (s == null) {
      return null;
    }
    synchronized (s) {
      return s.clone();
    }
  }
}
