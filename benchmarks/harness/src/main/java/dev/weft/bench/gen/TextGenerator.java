package dev.weft.bench.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The word-count input: lines of 8 to 16 words drawn Zipf-like (exponent 1.0) from a vocabulary of
 * 100,000 words, in part files of about 32 MB.
 */
public final class TextGenerator {
  /** Number of distinct words the text draws from. */
  public static final int VOCABULARY_SIZE = 100_000;

  static final long PART_BYTES = 32L << 20;
  private static final long SEED = 0x5eed_7e47L;

  private final Vocabulary vocabulary;
  private final DiscreteSampler sampler;

  /** A generator over the standard vocabulary. */
  public TextGenerator() {
    this(VOCABULARY_SIZE);
  }

  /** A generator over a vocabulary of {@code vocabularySize} words (smaller for tests). */
  public TextGenerator(int vocabularySize) {
    vocabulary = Vocabulary.generate(vocabularySize, SEED);
    sampler = new DiscreteSampler(vocabularySize, 1.0);
  }

  /** The vocabulary, by rank. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Writes about {@code bytes} bytes of text into {@code dir}.
   *
   * @return how many times each word (by rank) was written
   */
  public long[] generate(Path dir, long bytes) throws IOException {
    int parts = PartWriter.parts(bytes, PART_BYTES);
    long[] counts = new long[vocabulary.size()];
    for (int p = 0; p < parts; p++) {
      SplittableRandom random = new SplittableRandom(SEED + p);
      long target = PartWriter.share(bytes, parts, p);
      try (OutputStream out = PartWriter.open(dir, p, ".txt")) {
        long written = 0;
        while (written < target) {
          int words = 8 + random.nextInt(9);
          for (int w = 0; w < words; w++) {
            int rank = sampler.sample(random);
            counts[rank]++;
            byte[] word = vocabulary.bytes(rank);
            if (w > 0) {
              out.write(' ');
              written++;
            }
            out.write(word);
            written += word.length;
          }
          out.write('\n');
          written++;
        }
      }
    }
    return counts;
  }
}
