package dev.weft.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Finds an application's {@code public static void main(String[])} in its class loader. */
final class MainMethod {
  private MainMethod() {}

  /**
   * The main method of {@code className}, loaded (not yet initialized) through {@code loader}.
   *
   * @throws SubmitException when the class is not in {@code jar} or the launcher's classpath, does
   *     not load, or has no {@code public static void main(String[])}
   */
  static Method find(ClassLoader loader, String className, String jar) throws SubmitException {
    Class<?> cls;
    try {
      cls = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new SubmitException("Main class " + className + " not found in " + jar);
    } catch (LinkageError e) {
      throw new SubmitException(
          "Main class " + className + " in " + jar + " does not load: " + describe(e));
    }
    Method main;
    try {
      main = cls.getMethod("main", String[].class);
    } catch (NoSuchMethodException e) {
      throw noMain(className, jar);
    } catch (LinkageError e) {
      throw new SubmitException(
          "Main class " + className + " in " + jar + " does not load: " + describe(e));
    }
    int mods = main.getModifiers();
    if (!Modifier.isStatic(mods) || main.getReturnType() != void.class) {
      throw noMain(className, jar);
    }
    main.setAccessible(true);
    return main;
  }

  private static SubmitException noMain(String className, String jar) {
    return new SubmitException(
        "Main class " + className + " in " + jar + " has no public static void main(String[])");
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null
        ? t.getClass().getName()
        : t.getClass().getName() + ": " + t.getMessage();
  }
}
