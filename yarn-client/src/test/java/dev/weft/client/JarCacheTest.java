package dev.weft.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.yarn.am.LaunchSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The runtime jar cache and the staging directory, on the local file system. */
public class JarCacheTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private FileSystem fs;
  private java.nio.file.Path a;
  private java.nio.file.Path b;

  @Before
  public void setUp() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    a = Files.writeString(tmp.newFolder("lib").toPath().resolve("a.jar"), "jar a");
    b = Files.writeString(a.resolveSibling("b.jar"), "jar b, longer");
  }

  private JarCache cache() {
    return new JarCache(
        fs,
        new Path(tmp.getRoot().toURI().toString(), "cache"),
        new JarChecksums(tmp.getRoot().toPath().resolve("checksums.properties")));
  }

  @Test
  public void theFirstSubmissionUploadsEachJarUnderItsChecksum() throws Exception {
    JarCache cache = cache();

    List<LaunchSpec.Resource> resources = cache.resources(List.of(a, b));

    assertEquals(2, cache.uploads());
    assertEquals("a.jar", resources.get(0).linkName());
    assertEquals(5, resources.get(0).size());
    assertTrue(resources.get(0).onClasspath());
    assertTrue(
        resources.get(0).uri(), resources.get(0).uri().matches(".*/cache/[0-9a-f]{64}/a\\.jar"));
  }

  @Test
  public void aLaterSubmissionUploadsNothingAndGetsTheSameResources() throws Exception {
    List<LaunchSpec.Resource> first = cache().resources(List.of(a, b));

    JarCache second = cache();
    List<LaunchSpec.Resource> again = second.resources(List.of(a, b));

    assertEquals(0, second.uploads());
    assertEquals(first, again);
  }

  @Test
  public void aChangedJarIsUploadedAgainUnderItsNewChecksum() throws Exception {
    List<LaunchSpec.Resource> first = cache().resources(List.of(a));
    Files.writeString(a, "jar a, version 2");
    Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(1_000_000));

    JarCache cache = cache();
    List<LaunchSpec.Resource> second = cache.resources(List.of(a));

    assertEquals(1, cache.uploads());
    assertFalse(first.get(0).uri().equals(second.get(0).uri()));
  }

  @Test
  public void aTruncatedJarInTheCacheIsReplaced() throws Exception {
    LaunchSpec.Resource r = cache().resources(List.of(a)).get(0);
    Path cached = new Path(r.uri());
    fs.delete(cached, false);
    try (var out = fs.create(cached)) {
      out.write("ja".getBytes(StandardCharsets.UTF_8));
    }

    JarCache cache = cache();
    LaunchSpec.Resource again = cache.resources(List.of(a)).get(0);

    assertEquals(1, cache.uploads());
    assertEquals(5, again.size());
  }

  @Test
  public void stagingIsPrivateToItsOwnerAndRemovedWithEverythingInIt() throws Exception {
    StagingDir staging =
        StagingDir.of(
                fs, new Path(tmp.getRoot().toURI().toString(), "staging"), "application_1_0001")
            .create();
    LaunchSpec.Resource jar = staging.upload(a, "__app__.jar", "__app__.jar", false, true);

    assertEquals("700", fs.getFileStatus(staging.path()).getPermission().toOctal() + "");
    assertTrue(jar.uri().endsWith("/staging/application_1_0001/__app__.jar"));
    assertTrue(staging.delete());
    assertFalse(fs.exists(staging.path()));
  }

  @Test
  public void theConfArchiveListsItselfWithItsTrueLengthAndTime() throws Exception {
    StagingDir staging =
        StagingDir.of(fs, new Path(tmp.getRoot().toURI().toString(), "staging"), "app").create();
    ConfArchive archive =
        new ConfArchive(
            java.util.Map.of("weft.master", "yarn"),
            "<configuration/>".getBytes(StandardCharsets.UTF_8),
            "<Configuration/>".getBytes(StandardCharsets.UTF_8));
    long mtime = 1_700_000_000_000L;
    java.util.function.LongFunction<LaunchSpec> spec =
        size ->
            new LaunchSpec(
                "Main",
                List.of(),
                staging.path().toString(),
                List.of(new LaunchSpec.Resource("__weft_conf__", "x", size, mtime, true, false)));

    byte[] zip = archive.build(spec, mtime);
    LaunchSpec.Resource written =
        staging.write("__weft_conf__.zip", zip, mtime, "__weft_conf__", true);

    assertEquals(zip.length, written.size());
    assertEquals(mtime, written.timestamp());
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      String declared = null;
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
        if (e.getName().equals(LaunchSpec.FILE)) {
          declared = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
      }
      assertEquals(
          java.util.Set.of(
              "weft-launch.properties",
              "weft.properties",
              "core-site.xml",
              "yarn-site.xml",
              "hdfs-site.xml",
              "log4j2.xml"),
          names);
      assertTrue(declared, declared.contains("resource.0.size=" + zip.length));
    }
  }
}
