package dev.weft.hdfs.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of task attempts that write their own files, and of compressed text output. */
public class TaskFilesTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void partitionedFilesOfAllTasksArePublishedUnderTheirSubDirectories() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();

    TaskFiles task0 = job.taskFiles(0, 0);
    write(task0, task0.newFile("country=DE", ".txt"), "de from 0");
    write(task0, task0.newFile("country=FR/city=Paris", ".txt"), "paris from 0");
    TaskFiles task1 = job.taskFiles(1, 0);
    write(task1, task1.newFile("country=DE", ".txt"), "de from 1");
    write(task1, task1.newFile("country=DE", ".txt"), "more de from 1");
    assertTrue(job.commitTask(0, 0));
    assertTrue(job.commitTask(1, 0));
    job.commitJob(2);

    assertEquals(
        List.of(
            "_SUCCESS",
            "country=DE/part-00000-job-1-c000.txt",
            "country=DE/part-00001-job-1-c000.txt",
            "country=DE/part-00001-job-1-c001.txt",
            "country=FR/city=Paris/part-00000-job-1-c001.txt"),
        tree(dest));
    assertEquals("more de from 1", read(dest, "country=DE/part-00001-job-1-c001.txt"));
  }

  @Test
  public void onlyTheCommittedAttemptsFilesArePublished() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    for (int attempt = 0; attempt < 2; attempt++) {
      TaskFiles files = job.taskFiles(0, attempt);
      write(files, files.newFile("k=a", ".txt"), "a from attempt " + attempt);
      write(files, files.newFile(".txt"), "top from attempt " + attempt);
    }

    assertTrue(job.commitTask(0, 1));
    assertFalse(job.commitTask(0, 0));
    job.abortTask(0, 0);
    job.commitJob(1);

    assertEquals(
        List.of("_SUCCESS", "k=a/part-00000-job-1-c000.txt", "part-00000-job-1-c001.txt"),
        tree(dest));
    assertEquals("a from attempt 1", read(dest, "k=a/part-00000-job-1-c000.txt"));
  }

  @Test
  public void attemptThatWritesNoFileCommitsEmptyOutput() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    job.taskFiles(0, 0);
    assertTrue(job.commitTask(0, 0));
    job.commitJob(1);
    assertEquals(List.of("_SUCCESS"), tree(dest));
  }

  @Test
  public void abortedAppendRemovesItsNestedFilesAndTheDirectoriesItAdded() throws IOException {
    File dest = tmp.newFolder("existing");
    Files.createDirectories(new File(dest, "k=old").toPath());
    Files.writeString(new File(dest, "k=old/part-00000-old-c000.txt").toPath(), "old");
    OutputJob job = job(dest, SaveMode.APPEND);
    job.setup();
    TaskFiles files = job.taskFiles(0, 0);
    write(files, files.newFile("k=old", ".txt"), "new");
    write(files, files.newFile("k=new", ".txt"), "new");
    assertTrue(job.commitTask(0, 0));
    job.commitJob();
    assertEquals(
        List.of(
            "_SUCCESS",
            "k=new/part-00000-job-1-c001.txt",
            "k=old/part-00000-job-1-c000.txt",
            "k=old/part-00000-old-c000.txt"),
        tree(dest));

    job.abortJob();

    assertEquals(List.of("_SUCCESS", "k=old/part-00000-old-c000.txt"), tree(dest));
  }

  @Test
  public void subDirectoriesAndExtensionsThatReadersWouldSkipOrMisreadAreRefused()
      throws IOException {
    OutputJob job = job(new File(tmp.getRoot(), "out"), SaveMode.ERROR_IF_EXISTS);
    job.setup();
    TaskFiles files = job.taskFiles(0, 0);
    for (String dir : List.of("/abs", "../up", "a//b", "_hidden", "a/.x", "a/", "t=1:2")) {
      assertThrows(dir, IllegalArgumentException.class, () -> files.newFile(dir, ".txt"));
    }
    for (String extension : List.of("txt", ".a/b", ". x")) {
      assertThrows(extension, IllegalArgumentException.class, () -> files.newFile(extension));
    }
    assertEquals(new Path(files.directory(), "part-00000-job-1-c000"), files.newFile(""));
  }

  @Test
  public void taskFilesOfAJobNotSetUpAreRefused() {
    OutputJob job = job(new File(tmp.getRoot(), "out"), SaveMode.ERROR_IF_EXISTS);
    IOException e = assertThrows(IOException.class, () -> job.taskFiles(0, 0));
    assertTrue(e.getMessage(), e.getMessage().contains("job-1"));
  }

  @Test
  public void textOutputCanBeGzipCompressed() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS).withTextCompression("gzip");
    job.setup();
    try (TaskOutput out = job.openTask(0, 0)) {
      out.writeLine("héllo");
      out.writeLine("world");
    }
    assertTrue(job.commitTask(0, 0));
    job.commitJob(1);

    assertEquals("part-00000.gz", job.partFileName(0));
    assertEquals(List.of("_SUCCESS", "part-00000.gz"), tree(dest));
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(dest.toPath().resolve("part-00000.gz")))) {
      assertEquals("héllo\nworld\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  public void unknownTextCodecIsRefusedNamingIt() {
    OutputJob job = job(new File(tmp.getRoot(), "out"), SaveMode.ERROR_IF_EXISTS);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> job.withTextCompression("zip9"));
    assertEquals("Unknown compression codec for text output: zip9", e.getMessage());
  }

  private static OutputJob job(File dest, SaveMode mode) {
    return new OutputJob(dest.toURI().toString(), "job-1", mode, Map.of());
  }

  private static void write(TaskFiles files, Path path, String text) throws IOException {
    try (OutputStream out = files.fileSystem().create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The destination's files as relative paths, without checksum files and _temporary. */
  private static List<String> tree(File dest) throws IOException {
    if (!dest.exists()) {
      return List.of();
    }
    try (Stream<java.nio.file.Path> files = Files.walk(dest.toPath())) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> dest.toPath().relativize(f).toString())
          .filter(
              name ->
                  !name.startsWith("_temporary") && !name.contains("/.") && !name.startsWith("."))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static String read(File dir, String name) throws IOException {
    return Files.readString(new File(dir, name).toPath());
  }
}
