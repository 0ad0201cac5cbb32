package dev.weft.client;

import dev.weft.core.config.ConfigKey;
import dev.weft.core.config.ConfigRegistry;
import dev.weft.shuffle.config.ServiceKey;
import dev.weft.shuffle.config.ShuffleServiceKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code docs/configuration.md} from the configuration registry, so the reference cannot
 * drift from the keys the code declares. Keys are grouped by prefix ({@code weft.shuffle.*}, ...);
 * a prefix with a single key joins the general table.
 *
 * <pre>
 * java -cp ... dev.weft.client.ConfigDocs docs/configuration.md   # or no argument: stdout
 * </pre>
 */
public final class ConfigDocs {
  private static final String GENERAL = "General";

  private ConfigDocs() {}

  /** Writes the document to the file named by {@code args[0]}, or to stdout without arguments. */
  public static void main(String[] args) throws IOException {
    String doc = render(ConfigRegistry.get().all(), ShuffleServiceKeys.all());
    if (args.length == 0) {
      System.out.print(doc);
    } else {
      Files.writeString(Path.of(args[0]), doc, StandardCharsets.UTF_8);
    }
  }

  /** The Markdown reference of {@code keys}. */
  public static String render(Collection<ConfigKey<?>> keys) {
    return render(keys, List.of());
  }

  /**
   * The Markdown reference of {@code keys}, then of the shuffle service's {@code serviceKeys},
   * which the engine-agnostic shuffle-service module declares in its own registry ({@link
   * ShuffleServiceKeys}) and NodeManagers read from {@code yarn-site.xml}.
   */
  public static String render(Collection<ConfigKey<?>> keys, List<ServiceKey<?>> serviceKeys) {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration\n\n")
        .append("<!-- Generated from the configuration registry by dev.weft.client.ConfigDocs;")
        .append(" do not edit. Regenerate with:\n")
        .append("     mvn -q -pl yarn-client test -Dtest=ConfigDocsTest")
        .append(" -Dweft.docs.regenerate=true -->\n\n")
        .append(INTRO);
    for (Map.Entry<String, List<ConfigKey<?>>> section : sections(keys).entrySet()) {
      md.append("\n## ").append(heading(section.getKey())).append("\n\n");
      md.append("| Key | Type | Default | Constraint | Description |\n");
      md.append("|---|---|---|---|---|\n");
      for (ConfigKey<?> key : section.getValue()) {
        md.append("| ")
            .append(code(key.name()))
            .append(" | ")
            .append(key.type().name())
            .append(" | ")
            .append(defaultOf(key))
            .append(" | ")
            .append(key.constraint() == null ? "" : text(key.constraint()))
            .append(" | ")
            .append(text(key.doc()))
            .append(" |\n");
      }
    }
    if (!serviceKeys.isEmpty()) {
      md.append("\n## NodeManager: the shuffle service (`yarn-site.xml`)\n\n")
          .append(SERVICE_INTRO)
          .append("\n| Key | Type | Default | Constraint | Description |\n")
          .append("|---|---|---|---|---|\n");
      for (ServiceKey<?> key : serviceKeys) {
        String doc = key.doc();
        if (!key.deprecatedNames().isEmpty()) {
          doc += " Formerly " + String.join(", ", key.deprecatedNames()) + ", still read.";
        }
        md.append("| ")
            .append(code(key.name()))
            .append(" | ")
            .append(key.type())
            .append(" | ")
            .append(key.defaultValue().isEmpty() ? "(empty)" : code(key.defaultValue()))
            .append(" | ")
            .append(key.constraint() == null ? "" : text(key.constraint()))
            .append(" | ")
            .append(text(doc))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static final String SERVICE_INTRO =
      """
      Settings of Weft's shuffle service, set in every NodeManager's `yarn-site.xml` (README,
      Install the shuffle service), not in an application's configuration; the NodeManager reads
      them when it starts, and a malformed value stops it with one line naming the key. Sizes and
      durations are written as above. YARN's own `yarn.nodemanager.local-dirs` bounds where
      executors may register their dirs, and `yarn.nodemanager.recovery.enabled` makes the service
      keep its registrations across a NodeManager restart.
      """;

  private static final String INTRO =
      """
      Every `weft.*` key Weft knows. Each is declared once in code, with its type, default and
      check; an unknown `weft.*` key or a malformed value stops the application before it starts,
      with one line naming the key, the value and what was expected.

      Where a key is set, later wins:

      1. `$WEFT_HOME/conf/weft-defaults.properties`, read by `bin/yarn-submit`;
      2. `bin/yarn-submit --conf key=value` (repeatable);
      3. the dedicated options of `bin/yarn-submit`: `--master` (`weft.master`), `--name`
         (`weft.app.name`), `--executor-memory` (`weft.executor.memory`), `--executor-cores`
         (`weft.executor.cores`);
      4. `WeftConf.set(key, value)` in the program (a `WeftConf` starts from the `weft.*` Java
         system properties, which is how the options above reach it).

      Sizes are written like `512k`, `64m`, `2g` (a bare number is bytes); durations like `100ms`,
      `3s`, `5min`, `1h` (a bare number is milliseconds).

      Hadoop settings are not `weft.*` keys: write them as `weft.hadoop.<key>`, e.g.
      `--conf weft.hadoop.fs.defaultFS=hdfs://nn:8020`, and they reach Hadoop's `Configuration` as
      `<key>`. `bin/yarn-submit` treats any `--conf` key outside `weft.*` the same way.
      """;

  /** Keys by section, general first, then prefixes in order; keys sorted by name. */
  private static Map<String, List<ConfigKey<?>>> sections(Collection<ConfigKey<?>> keys) {
    Map<String, List<ConfigKey<?>>> byPrefix = new TreeMap<>();
    for (ConfigKey<?> key : keys) {
      byPrefix.computeIfAbsent(prefix(key.name()), p -> new ArrayList<>()).add(key);
    }
    Map<String, List<ConfigKey<?>>> sections = new TreeMap<>(ConfigDocs::compareSections);
    for (Map.Entry<String, List<ConfigKey<?>>> e : byPrefix.entrySet()) {
      String section = e.getKey().isEmpty() || e.getValue().size() < 2 ? GENERAL : e.getKey();
      sections.computeIfAbsent(section, s -> new ArrayList<>()).addAll(e.getValue());
    }
    sections.values().forEach(list -> list.sort((a, b) -> a.name().compareTo(b.name())));
    return sections;
  }

  private static int compareSections(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.equals(GENERAL)) {
      return -1;
    }
    return b.equals(GENERAL) ? 1 : a.compareTo(b);
  }

  /** {@code weft.shuffle.} for {@code weft.shuffle.file.buffer}; empty for {@code weft.master}. */
  private static String prefix(String name) {
    int first = name.indexOf('.');
    int second = name.indexOf('.', first + 1);
    return second < 0 ? "" : name.substring(0, second + 1);
  }

  private static String heading(String section) {
    return section.equals(GENERAL) ? GENERAL : code(section + "*");
  }

  private static <T> String defaultOf(ConfigKey<T> key) {
    T value = key.defaultValue();
    if (value == null) {
      return "(none)";
    }
    String formatted = key.type().format(value);
    return formatted.isEmpty() ? "(empty)" : code(formatted);
  }

  private static String code(String s) {
    return "`" + s.replace("|", "\\|") + "`";
  }

  /** Escapes what Markdown would read as table cells, emphasis or HTML. */
  private static String text(String s) {
    return s.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("<", "&lt;")
        .replace("\n", " ");
  }
}
