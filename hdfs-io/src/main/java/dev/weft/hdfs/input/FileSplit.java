package dev.weft.hdfs.input;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One unit of input: a byte range of a file, with the hosts and racks that store it.
 *
 * <p>A split is shipped to the executor that reads it, so it is small and serializable. For a file
 * that is read whole (a compressed file whose codec cannot be split), {@code start} is 0, {@code
 * length} is the file's length on disk and {@code wholeFile} is true; the reader then decompresses
 * the whole file whatever the length says. A file compressed with a splittable codec (bzip2) is cut
 * into ranges of its compressed bytes like an uncompressed one.
 *
 * <p>Host names are kept exactly as the file system reports them (MiniDFSCluster DataNodes report
 * {@code 127.0.0.1}, a real cluster usually a host name); the engine canonicalises them before it
 * matches them against its executors' hosts.
 *
 * @param path the file's fully qualified path in Hadoop's string form, e.g. {@code
 *     hdfs://nn:8020/data/a b.txt} (not percent-encoded), as {@code new Path(path)} reads it
 * @param start the offset of the first byte of the split
 * @param length the number of bytes of the split
 * @param hosts the distinct DataNode hosts that hold the block covering most of the split; empty
 *     when the file system reports none
 * @param racks the distinct racks of those hosts, e.g. {@code /dc1/rack7}; empty when the file
 *     system reports no topology or only the default rack
 * @param wholeFile whether the file must be read whole, from its first byte to its last
 */
public record FileSplit(
    String path, long start, long length, String[] hosts, String[] racks, boolean wholeFile)
    implements Serializable {

  /**
   * Validates the split and copies {@code hosts} and {@code racks}, so the split cannot change
   * after creation.
   */
  public FileSplit {
    Objects.requireNonNull(path, "path");
    if (start < 0 || length < 0) {
      throw new IllegalArgumentException(
          "Split of " + path + " has a negative start or length: " + start + "+" + length);
    }
    if (wholeFile && start != 0) {
      throw new IllegalArgumentException(
          "Whole-file split of " + path + " must start at 0, not " + start);
    }
    hosts = hosts == null ? new String[0] : hosts.clone();
    racks = racks == null ? new String[0] : racks.clone();
  }

  /** A split without rack information. */
  public FileSplit(String path, long start, long length, String[] hosts, boolean wholeFile) {
    this(path, start, length, hosts, null, wholeFile);
  }

  /** The DataNode hosts of the split, a copy the caller may change. */
  @Override
  public String[] hosts() {
    return hosts.clone();
  }

  /** The racks of the split's hosts, a copy the caller may change. */
  @Override
  public String[] racks() {
    return racks.clone();
  }

  /** The offset just past the last byte of the split. */
  public long end() {
    return start + length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FileSplit that
        && path.equals(that.path)
        && start == that.start
        && length == that.length
        && wholeFile == that.wholeFile
        && Arrays.equals(hosts, that.hosts)
        && Arrays.equals(racks, that.racks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        path, start, length, wholeFile, Arrays.hashCode(hosts), Arrays.hashCode(racks));
  }

  @Override
  public String toString() {
    return path
        + ":"
        + start
        + "+"
        + length
        + (wholeFile ? " (whole file)" : "")
        + " hosts="
        + Arrays.toString(hosts)
        + (racks.length > 0 ? " racks=" + Arrays.toString(racks) : "");
  }
}
