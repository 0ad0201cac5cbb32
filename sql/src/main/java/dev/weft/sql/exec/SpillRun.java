package dev.weft.sql.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A file of (key, value) byte-array pairs that an operator spilled: each pair is the key's length,
 * the key, the value's length and the value. Written once (or appended to), read sequentially.
 */
final class SpillRun {
  private static final int BUFFER = 32 * 1024;

  /** Keys in unsigned byte order: a total order in which equal keys are adjacent. */
  static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

  /** One spilled record. */
  record Pair(byte[] key, byte[] value) {
    /** An estimate of the heap this pair takes, with the list slot that holds it. */
    long estimatedSize() {
      return 72L + key.length + value.length;
    }
  }

  private final File file;
  private long count;

  SpillRun(File file) {
    this.file = file;
  }

  File file() {
    return file;
  }

  /** The pairs written so far. */
  long count() {
    return count;
  }

  /**
   * Appends {@code pairs} to the file.
   *
   * @return the file's length after writing
   */
  long append(Iterator<Pair> pairs) {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file, true), BUFFER))) {
      while (pairs.hasNext()) {
        Pair p = pairs.next();
        out.writeInt(p.key().length);
        out.write(p.key());
        out.writeInt(p.value().length);
        out.write(p.value());
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write spill file " + file + ": " + e, e);
    }
    return file.length();
  }

  /** A reader of the first {@code count()} pairs (as written now); close it when not read out. */
  Reader open() {
    return new Reader(file, count);
  }

  void delete() {
    try {
      Files.deleteIfExists(file.toPath());
    } catch (IOException e) {
      // the task deletes its temporary files when it ends
    }
  }

  /** Reads the pairs of a run in order; closes itself at the end. */
  static final class Reader implements Iterator<Pair>, AutoCloseable {
    private final File file;
    private long remaining;
    private DataInputStream in;

    Reader(File file, long count) {
      this.file = file;
      this.remaining = count;
    }

    @Override
    public boolean hasNext() {
      if (remaining == 0) {
        close();
      }
      return remaining > 0;
    }

    @Override
    public Pair next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      try {
        if (in == null) {
          in = new DataInputStream(new BufferedInputStream(new FileInputStream(file), BUFFER));
        }
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        remaining--;
        return new Pair(key, value);
      } catch (EOFException e) {
        throw new IllegalStateException("Spill file " + file + " is truncated", e);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read spill file " + file + ": " + e, e);
      }
    }

    @Override
    public void close() {
      remaining = 0;
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // nothing more is read
        }
        in = null;
      }
    }
  }
}
