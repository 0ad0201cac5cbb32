package dev.weft.hdfs.avro;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.avro.file.SeekableInput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Avro's random-access input over a Hadoop {@link FSDataInputStream}. It counts the bytes read from
 * the file system and remembers the first failure of the file system itself, so that a reader can
 * tell a broken file system (an infrastructure error) from a broken file (a user error).
 */
final class HadoopSeekableInput implements SeekableInput {
  private final String path;
  private final FSDataInputStream in;
  private final long length;
  private long bytesRead;
  private IOException fileSystemFailure;

  private HadoopSeekableInput(String path, FSDataInputStream in, long length) {
    this.path = path;
    this.in = in;
    this.length = length;
  }

  /**
   * Opens {@code path}.
   *
   * @throws FileNotFoundException if the file does not exist, with a message naming it
   */
  static HadoopSeekableInput open(String path, Configuration conf) throws IOException {
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(conf);
    FSDataInputStream in;
    long length;
    try {
      length = fs.getFileStatus(file).getLen();
      in = fs.open(file);
    } catch (FileNotFoundException e) {
      FileNotFoundException clear = new FileNotFoundException("Input file does not exist: " + path);
      clear.initCause(e);
      throw clear;
    }
    return new HadoopSeekableInput(path, in, length);
  }

  /** The file's path as it was given. */
  String path() {
    return path;
  }

  /** The bytes read from the file system so far, read-ahead included. */
  long bytesRead() {
    return bytesRead;
  }

  /** The first error the file system raised, or null if it raised none. */
  IOException fileSystemFailure() {
    return fileSystemFailure;
  }

  @Override
  public void seek(long position) throws IOException {
    try {
      in.seek(position);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public long tell() throws IOException {
    return in.getPos();
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, count);
    } catch (IOException e) {
      throw remember(e);
    }
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private IOException remember(IOException e) {
    if (fileSystemFailure == null) {
      fileSystemFailure = e;
    }
    return e;
  }
}
