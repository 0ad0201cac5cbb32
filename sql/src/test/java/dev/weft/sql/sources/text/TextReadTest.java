package dev.weft.sql.sources.text;

import static dev.weft.sql.functions.col;
import static org.junit.Assert.assertEquals;

import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TextReadTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  @Test
  public void eachLineIsARowOfOneStringColumnFollowedByPartitionColumns() throws Exception {
    File de = new File(tmp.getRoot(), "logs/country=DE");
    File fr = new File(tmp.getRoot(), "logs/country=FR");
    de.mkdirs();
    fr.mkdirs();
    Files.writeString(de.toPath().resolve("a.txt"), "hallo\n\nwelt\n", StandardCharsets.UTF_8);
    Files.writeString(fr.toPath().resolve("b.txt"), "salut", StandardCharsets.UTF_8);

    DataFrame df = session.read().text(tmp.getRoot() + "/logs");
    assertEquals("struct<value:string,country:string>", df.schema().simpleString());
    List<String> rows = new ArrayList<>();
    for (Row r : df.collect()) {
      rows.add(r.get(0) + "@" + r.get(1));
    }
    rows.sort(null);
    assertEquals(List.of("@DE", "hallo@DE", "salut@FR", "welt@DE"), rows);
    assertEquals(
        "[[salut]]",
        session
            .read()
            .text(tmp.getRoot() + "/logs")
            .where(col("country").equalTo("FR"))
            .select("value")
            .collect()
            .toString());
    assertEquals(4, session.read().format("text").load(tmp.getRoot() + "/logs").count());
  }
}
