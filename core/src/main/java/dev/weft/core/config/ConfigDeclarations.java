package dev.weft.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's configuration keys. Each module declares its keys as {@code public static final
 * ConfigKey} fields of one implementation of this interface, registered with {@link
 * java.util.ServiceLoader}, so the registry finds every key and rejects unknown ones.
 */
public interface ConfigDeclarations {

  /** The keys declared by this module: by default, the public static ConfigKey fields. */
  default List<ConfigKey<?>> keys() {
    List<ConfigKey<?>> keys = new ArrayList<>();
    for (Field f : getClass().getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigKey.class) {
        try {
          keys.add((ConfigKey<?>) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return keys;
  }
}
