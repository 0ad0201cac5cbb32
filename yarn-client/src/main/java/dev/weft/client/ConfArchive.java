package dev.weft.client;

import dev.weft.yarn.am.LaunchSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@value LaunchSpec#CONF_DIR} archive: the launch spec, the job's {@code weft.*}
 * configuration, the client's Hadoop configuration and the containers' Log4j2 configuration.
 *
 * <p>The Hadoop configuration is there three times, as {@code core-site.xml}, {@code yarn-site.xml}
 * and {@code hdfs-site.xml}, so it wins over every default file.
 *
 * <p>The launch spec lists every container resource, this archive included, with its length. The
 * archive therefore holds its own length: its entries are stored uncompressed, so the length
 * depends only on the lengths of the entries, and {@link #build} writes it until the length it
 * declares is the length it has.
 */
final class ConfArchive {
  /** Copies of the Hadoop configuration that load after YARN's and HDFS's defaults. */
  static final List<String> LATER_SITES = List.of("yarn-site.xml", "hdfs-site.xml");

  private final Map<String, String> weftEntries;
  private final byte[] hadoopSite;
  private final byte[] log4j2;

  /**
   * @param weftEntries the job's validated configuration
   * @param hadoopSite the client's Hadoop configuration as XML
   * @param log4j2 the containers' Log4j2 configuration
   */
  ConfArchive(Map<String, String> weftEntries, byte[] hadoopSite, byte[] log4j2) {
    this.weftEntries = Map.copyOf(weftEntries);
    this.hadoopSite = hadoopSite.clone();
    this.log4j2 = log4j2.clone();
  }

  /**
   * The archive whose launch spec is {@code specOfSize} applied to the archive's own length.
   *
   * @param mtime the modification time of the entries
   */
  byte[] build(LongFunction<LaunchSpec> specOfSize, long mtime) throws IOException {
    long size = 0;
    for (int i = 0; i < 10; i++) {
      byte[] zip = zip(specOfSize.apply(size), mtime);
      if (zip.length == size) {
        return zip;
      }
      size = zip.length;
    }
    throw new IllegalStateException("The configuration archive's length does not settle");
  }

  /** The archive with {@code spec} as it is. */
  byte[] zip(LaunchSpec spec, long mtime) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setMethod(ZipOutputStream.STORED);
      put(zip, LaunchSpec.FILE, specBytes(spec), mtime);
      put(zip, LaunchSpec.WEFT_PROPERTIES, properties(weftEntries), mtime);
      put(zip, LaunchSpec.HADOOP_SITE, hadoopSite, mtime);
      // YarnConfiguration and HdfsConfiguration load yarn-default.xml and hdfs-default.xml after
      // core-site.xml, so their defaults (e.g. the scheduler address) would win over the client's
      // values: the same configuration as yarn-site.xml and hdfs-site.xml is read after them.
      for (String site : LATER_SITES) {
        put(zip, site, hadoopSite, mtime);
      }
      put(zip, LaunchSpec.LOG4J2_CONFIG, log4j2, mtime);
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] data, long mtime)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    entry.setCrc(crc.getValue());
    entry.setTime(mtime);
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  private static byte[] specBytes(LaunchSpec spec) throws IOException {
    Path tmp = Files.createTempFile("weft-launch", ".properties");
    try {
      spec.write(tmp);
      return Files.readAllBytes(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@code entries} as a properties file, sorted, without the date comment. */
  static byte[] properties(Map<String, String> entries) throws IOException {
    Properties p = new Properties();
    p.putAll(entries);
    StringWriter out = new StringWriter();
    p.store(out, null);
    List<String> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.startsWith("#")) {
        lines.add(line);
      }
    }
    lines.sort(null);
    lines.add(0, "# The application's configuration, written by yarn-submit");
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
  }
}
