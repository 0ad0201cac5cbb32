package dev.weft.executor.local;

import dev.weft.core.config.WeftConfig;
import dev.weft.spi.scheduler.DriverServices;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerBackendFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Serves the masters {@code local}, {@code local[N]} and {@code local[*]}. */
public final class LocalBackendFactory implements SchedulerBackendFactory {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");

  @Override
  public boolean accepts(String master) {
    return LOCAL.matcher(master).matches();
  }

  @Override
  public SchedulerBackend create(String master, WeftConfig config, DriverServices services) {
    return new LocalBackend(threads(master), config, services);
  }

  /** The task threads a local master asks for. */
  static int threads(String master) {
    Matcher m = LOCAL.matcher(master);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a local master: " + master);
    }
    String n = m.group(1);
    if (n == null) {
      return 1;
    }
    if (n.equals("*")) {
      return Runtime.getRuntime().availableProcessors();
    }
    int threads = Integer.parseInt(n);
    if (threads < 1) {
      throw new IllegalArgumentException(
          "Invalid master '" + master + "': local[N] needs at least one thread");
    }
    return threads;
  }
}
