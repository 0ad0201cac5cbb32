package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.core.config.ConfigKey;
import dev.weft.core.config.ConfigRegistry;
import dev.weft.core.config.ConfigType;
import dev.weft.core.config.WeftConfig;
import dev.weft.shuffle.config.ServiceKey;
import dev.weft.shuffle.config.ShuffleServiceKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * docs/configuration.md is generated from the configuration registry and must match it, and every
 * registered key is documented and named {@code weft.*}.
 *
 * <p>After adding or changing a key, regenerate the document with {@code mvn -q -pl yarn-client
 * test -Dtest=ConfigDocsTest -Dweft.docs.regenerate=true} (after installing the changed module).
 */
public class ConfigDocsTest {
  private static final String REGENERATE = "weft.docs.regenerate";
  private static final String REGENERATE_COMMAND =
      "mvn -q -pl yarn-client test -Dtest=ConfigDocsTest -D" + REGENERATE + "=true";

  @Test
  public void committedConfigurationDocMatchesTheRegistry() throws IOException {
    Path doc = repoRoot().resolve("docs/configuration.md");
    String rendered = ConfigDocs.render(ConfigRegistry.get().all(), ShuffleServiceKeys.all());
    if (Boolean.getBoolean(REGENERATE)) {
      Files.writeString(doc, rendered, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
    String difference = firstDifference(rendered, committed);
    assertTrue(
        doc
            + " is out of date with the configuration keys ("
            + difference
            + "); regenerate it with: "
            + REGENERATE_COMMAND
            + " (after installing the modules whose keys changed, e.g. mvn -q install"
            + " -DskipTests)",
        difference == null);
  }

  @Test
  public void everyKeyIsNamedWeftAndDocumented() {
    for (ConfigKey<?> key : ConfigRegistry.get().all()) {
      assertTrue(key.name() + " must start with weft.", key.name().startsWith("weft."));
      assertFalse(key.name() + " needs a doc", key.doc().isBlank());
    }
  }

  @Test
  public void everyShuffleServiceKeyHasARowInTheNodeManagerSection() {
    String rendered = ConfigDocs.render(ConfigRegistry.get().all(), ShuffleServiceKeys.all());
    String section = rendered.substring(rendered.indexOf("## NodeManager: the shuffle service"));
    for (ServiceKey<?> key : ShuffleServiceKeys.all()) {
      assertTrue(key.name(), section.contains("| `" + key.name() + "` | " + key.type() + " | "));
      assertTrue(
          key.name() + " is also an engine key", ConfigRegistry.get().find(key.name()) == null);
    }
  }

  /**
   * The shuffle service parses sizes and durations itself; it must read them as the engine does.
   */
  @Test
  public void shuffleServiceSizesAndDurationsAreWrittenAsTheEnginesAre() {
    for (String size : List.of("4096", "64k", "64m", "64mb", "2G", "1 g", "1t")) {
      assertEquals(
          size, ConfigType.SIZE.parse(size), ShuffleServiceKeys.MAX_BYTES_IN_FLIGHT.parse(size));
    }
    for (String duration : List.of("1500", "500ms", "30s", "5m", "5min", "2h", "1d")) {
      assertEquals(
          duration,
          ConfigType.DURATION.parse(duration),
          ShuffleServiceKeys.HANDSHAKE_TIMEOUT.parse(duration));
    }
  }

  @Test
  public void noKeyIsDeclaredUnderTheHadoopPrefix() {
    for (ConfigKey<?> key : ConfigRegistry.get().all()) {
      assertFalse(
          key.name() + " is under " + WeftConfig.HADOOP_PREFIX + ", which goes to Hadoop unread",
          key.name().startsWith(WeftConfig.HADOOP_PREFIX));
    }
  }

  @Test
  public void everyKeyHasARow() {
    String rendered = ConfigDocs.render(ConfigRegistry.get().all());
    for (ConfigKey<?> key : ConfigRegistry.get().all()) {
      assertTrue(key.name(), rendered.contains("| `" + key.name() + "` | "));
    }
  }

  @Test
  public void rendersTypeDefaultAndConstraintOfAKey() {
    ConfigKey<Long> key =
        ConfigKey.size("weft.demo.buffer")
            .defaultValue("64k")
            .doc("A buffer | with a pipe.")
            .check(n -> n > 0, "a positive size")
            .build();
    ConfigKey<String> optional = ConfigKey.string("weft.demo.name").doc("Optional.").build();

    String rendered = ConfigDocs.render(List.of(key, optional));

    assertTrue(rendered, rendered.contains("## `weft.demo.*`"));
    assertTrue(
        rendered,
        rendered.contains(
            "| `weft.demo.buffer` | size | `64k` | a positive size | A buffer \\| with a pipe. |"));
    assertTrue(
        rendered, rendered.contains("| `weft.demo.name` | string | (none) |  | Optional. |"));
  }

  /** Where {@code actual} first differs from {@code expected}, in words, or null if equal. */
  private static String firstDifference(String expected, String actual) {
    String[] want = expected.split("\n", -1);
    String[] have = actual.split("\n", -1);
    for (int i = 0; i < Math.max(want.length, have.length); i++) {
      String w = i < want.length ? want[i] : "<end of file>";
      String h = i < have.length ? have[i] : "<end of file>";
      if (!w.equals(h)) {
        return "line " + (i + 1) + " should be '" + w + "' but is '" + h + "'";
      }
    }
    return null;
  }

  private static Path repoRoot() {
    String root = System.getProperty("weftRepoRoot");
    return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).normalize();
  }
}
