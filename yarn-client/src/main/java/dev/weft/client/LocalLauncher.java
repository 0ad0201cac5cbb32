package dev.weft.client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs an application's main method in this JVM, as the local masters do: its configuration as
 * {@code weft.*} system properties (which {@code WeftConf} reads) and its class loader as the
 * thread's context class loader. Both are restored afterwards, so a launcher can run several
 * applications one after another.
 */
final class LocalLauncher {
  private final Map<String, String> systemProperties;

  /**
   * @param systemProperties the {@code weft.*} entries the application should see
   */
  LocalLauncher(Map<String, String> systemProperties) {
    this.systemProperties = Map.copyOf(systemProperties);
  }

  /**
   * Invokes {@code main} with {@code args} on this thread.
   *
   * @return null when main returned, else what it threw
   */
  Throwable run(Method main, ClassLoader appLoader, String[] args) {
    Map<String, String> previous = new HashMap<>();
    for (String key : systemProperties.keySet()) {
      previous.put(key, System.getProperty(key));
    }
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    try {
      systemProperties.forEach(System::setProperty);
      thread.setContextClassLoader(appLoader);
      main.invoke(null, (Object) args);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    } catch (IllegalAccessException e) {
      return e;
    } finally {
      thread.setContextClassLoader(previousLoader);
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }
}
