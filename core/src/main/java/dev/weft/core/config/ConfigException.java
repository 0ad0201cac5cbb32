package dev.weft.core.config;

/**
 * A user error in configuration: an unknown key, or a value that does not parse or is out of range.
 * The message is one line that names the key, the value and what was expected.
 */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }
}
