package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import dev.weft.core.config.WeftConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * conf/weft-defaults.properties, as shipped, changes nothing, and each example in it is a valid
 * entry once uncommented.
 */
public class ShippedDefaultsTest {
  private static final Pattern EXAMPLE = Pattern.compile("^# (weft\\.[\\w.]+)=(.*)$");

  @Test
  public void everyCommentedExampleIsAValidEntry() throws IOException {
    Map<String, String> examples = new TreeMap<>();
    for (String line : Files.readAllLines(defaultsFile(), StandardCharsets.UTF_8)) {
      Matcher m = EXAMPLE.matcher(line);
      if (m.matches()) {
        examples.put(m.group(1), m.group(2));
      }
    }

    assertFalse("the file shows examples", examples.isEmpty());
    assertEquals(examples, WeftConfig.of(examples).entries());
  }

  @Test
  public void asShippedItSetsNothing() throws IOException {
    for (String line : Files.readAllLines(defaultsFile(), StandardCharsets.UTF_8)) {
      assertFalse(line, !line.isBlank() && !line.startsWith("#"));
    }
  }

  private static Path defaultsFile() {
    String root = System.getProperty("weftRepoRoot");
    Path repo = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return repo.resolve("conf").resolve(SubmitConf.DEFAULTS_FILE);
  }
}
