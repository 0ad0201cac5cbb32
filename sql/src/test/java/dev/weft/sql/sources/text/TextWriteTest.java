package dev.weft.sql.sources.text;

import static dev.weft.sql.functions.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.RowFactory;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TextWriteTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private DataFrame lines(String... values) {
    StructType schema =
        StructType.of(
            DataTypes.createStructField("line", DataTypes.StringType, true),
            DataTypes.createStructField("n", DataTypes.IntegerType, true));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(RowFactory.create(values[i], i % 2));
    }
    return session.createDataFrame(rows, schema).repartition(1);
  }

  private List<String> readBack(String path) {
    List<String> out = new ArrayList<>();
    for (Row r : session.read().text(path).collect()) {
      out.add(String.valueOf(r.get(0)));
    }
    out.sort(null);
    return out;
  }

  @Test
  public void oneStringColumnIsWrittenOneLinePerRowWithNullAsAnEmptyLine() throws Exception {
    String out = tmp.getRoot() + "/t";
    lines("b", "a", null, "héllo").select("line").write().text(out);
    File part = new File(out).listFiles((d, n) -> n.endsWith(".txt"))[0];
    assertTrue(part.getName(), part.getName().matches("part-\\d{5}-.*\\.txt"));
    assertEquals(
        "b\na\n\nhéllo\n", new String(Files.readAllBytes(part.toPath()), StandardCharsets.UTF_8));
    assertEquals(Arrays.asList("", "a", "b", "héllo"), readBack(out));
  }

  @Test
  public void partitionColumnsAreLeftOutOfTheLinesAndSaveModesApply() throws Exception {
    String out = tmp.getRoot() + "/p";
    lines("x", "y", "z").write().partitionBy("n").format("text").save(out);
    assertTrue(new File(out, "n=0").isDirectory());
    assertTrue(new File(out, "n=1").isDirectory());
    List<Row> rows = new ArrayList<>(session.read().text(out).orderBy(col("value")).collect());
    assertEquals("[[x,0], [y,1], [z,0]]", rows.toString());

    assertThrows(IllegalArgumentException.class, () -> lines("w").select("line").write().text(out));
    lines("w").write().mode("append").partitionBy("n").text(out);
    assertEquals(4, session.read().text(out).count());
    lines("v").write().mode("overwrite").partitionBy("n").text(out);
    assertEquals(List.of("v"), readBack(out));
    lines("u").select("line").write().mode("ignore").text(out);
    assertEquals(List.of("v"), readBack(out));
  }

  @Test
  public void anythingButOneStringColumnFailsInOneLine() {
    IllegalArgumentException two =
        assertThrows(
            IllegalArgumentException.class, () -> lines("a").write().text(tmp.getRoot() + "/2"));
    assertEquals(
        "Text data source supports only a single column, and you have 2 columns:"
            + " struct<line:string,n:int>",
        two.getMessage());
    IllegalArgumentException type =
        assertThrows(
            IllegalArgumentException.class,
            () -> lines("a").select("n").write().text(tmp.getRoot() + "/int"));
    assertEquals(
        "Text data source does not support int data type (column n); expected a single string"
            + " column",
        type.getMessage());
    assertTrue(!new File(tmp.getRoot() + "/2").exists());
  }

  @Test
  public void everySparkCodecIsReadBackByItsExtension() throws Exception {
    for (String codec : List.of("none", "uncompressed", "bzip2", "deflate", "gzip", "snappy")) {
      String out = tmp.getRoot() + "/" + codec;
      lines("a", "b").select("line").write().option("compression", codec).text(out);
      String[] names = new File(out).list((d, n) -> n.startsWith("part-"));
      String ext =
          switch (codec) {
            case "bzip2" -> ".txt.bz2";
            case "deflate" -> ".txt.deflate";
            case "gzip" -> ".txt.gz";
            case "snappy" -> ".txt.snappy";
            default -> ".txt";
          };
      assertTrue(codec + ": " + names[0], names[0].endsWith(ext));
      assertEquals(codec, List.of("a", "b"), readBack(out));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                lines("a")
                    .select("line")
                    .write()
                    .option("compression", "zip")
                    .text(tmp.getRoot() + "/zip"));
    assertEquals(
        "Unknown text compression 'zip' (option compression); expected one of none, uncompressed,"
            + " bzip2, deflate, gzip, snappy",
        e.getMessage());
  }
}
