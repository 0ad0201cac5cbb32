package dev.weft.shuffle.layout;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * The committed data and index file of one map task, validated against each other: the index is
 * well formed and the data file has exactly the length the index gives.
 */
public final class MapOutputFiles {
  private final File dataFile;
  private final File indexFile;
  private final ShuffleIndex index;

  private MapOutputFiles(File dataFile, File indexFile, ShuffleIndex index) {
    this.dataFile = dataFile;
    this.indexFile = indexFile;
    this.index = index;
  }

  /**
   * Reads the index and checks the data file against it.
   *
   * @throws ShuffleFormatException naming the file that is malformed or of the wrong length
   * @throws IOException when either file is missing or unreadable
   */
  public static MapOutputFiles open(File dataFile, File indexFile) throws IOException {
    ShuffleIndex index = ShuffleIndex.read(indexFile);
    if (!dataFile.isFile()) {
      throw new NoSuchFileException(
          dataFile.toString(), null, "data file of index " + indexFile + " is missing");
    }
    long length = dataFile.length();
    if (length != index.dataLength()) {
      throw new ShuffleFormatException(
          dataFile,
          "index " + indexFile + " gives " + index.dataLength() + " bytes, found " + length);
    }
    return new MapOutputFiles(dataFile, indexFile, index);
  }

  public File dataFile() {
    return dataFile;
  }

  public File indexFile() {
    return indexFile;
  }

  public ShuffleIndex index() {
    return index;
  }

  /**
   * The bytes of one partition's block: a stream positioned at its offset that ends after its
   * length. The caller closes it.
   */
  public InputStream openBlock(int partition) throws IOException {
    long offset = index.offset(partition);
    long length = index.length(partition);
    FileChannel channel = FileChannel.open(dataFile.toPath(), StandardOpenOption.READ);
    try {
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
