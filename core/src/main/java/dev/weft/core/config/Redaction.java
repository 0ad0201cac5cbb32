package dev.weft.core.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Hides the values of configuration entries that hold credentials before the configuration is shown
 * (web UI, REST API), written (event log) or logged. An entry is hidden when {@code
 * weft.redaction.regex} finds a match in its key or in its value, as Spark's {@code
 * spark.redaction.regex} does; the default covers Hadoop's credential providers, S3A, ABFS/WASB and
 * GCS keys, SSL key and trust store passwords, and any key naming a secret, password, token,
 * credential or private key.
 */
public final class Redaction {
  /** What a hidden value is shown as. */
  public static final String REDACTED = "*********(redacted)";

  /** The default of {@code weft.redaction.regex}. */
  public static final String DEFAULT_REGEX =
      "(?i)secret|passw(or)?d|token|credential|access[._-]?key|account[._-]key"
          + "|private[._-]?key|encryption[._-]?key|[.]sas[.]|signature|keystore[.]pass"
          + "|keypass|truststore[.]pass|jceks|json[.]keyfile";

  private final Pattern pattern;

  private Redaction(Pattern pattern) {
    this.pattern = pattern;
  }

  /** The redaction {@code config} asks for ({@code weft.redaction.regex} or the default). */
  public static Redaction of(Map<String, String> config) {
    String regex = config.getOrDefault(CoreConfig.REDACTION_REGEX.name(), DEFAULT_REGEX);
    return new Redaction(Pattern.compile(regex));
  }

  /** Whether the entry's value must be hidden. */
  public boolean hides(String key, String value) {
    return pattern.matcher(key).find() || (value != null && pattern.matcher(value).find());
  }

  /** A sorted copy of {@code config} with hidden values replaced by {@link #REDACTED}. */
  public Map<String, String> redact(Map<String, String> config) {
    Map<String, String> out = new TreeMap<>();
    config.forEach((k, v) -> out.put(k, hides(k, v) ? REDACTED : v));
    return out;
  }

  /** Whether {@code regex} compiles (the check of {@code weft.redaction.regex}). */
  static boolean compiles(String regex) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
