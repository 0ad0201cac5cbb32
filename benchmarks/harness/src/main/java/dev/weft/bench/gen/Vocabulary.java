package dev.weft.bench.gen;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic vocabulary of distinct lower-case words ({@code [a-z]{2,12}}), by rank: frequent
 * (low-rank) words tend to be short, as in natural text.
 */
public final class Vocabulary {
  /** The shortest word. */
  public static final int MIN_LENGTH = 2;

  /** The longest word. */
  public static final int MAX_LENGTH = 12;

  private final byte[][] words;

  private Vocabulary(byte[][] words) {
    this.words = words;
  }

  /** Generates {@code size} distinct words from {@code seed}. */
  public static Vocabulary generate(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> seen = new HashSet<>(size * 2);
    byte[][] words = new byte[size][];
    for (int rank = 0; rank < size; rank++) {
      // ~log(rank) grows the typical length from 2-5 letters to 9-12.
      int base = (int) (Math.log(rank + 2) / Math.log(2) / 1.7);
      String word;
      do {
        int length = Math.min(MAX_LENGTH, MIN_LENGTH + base + random.nextInt(4));
        char[] letters = new char[length];
        for (int i = 0; i < length; i++) {
          letters[i] = (char) ('a' + random.nextInt(26));
        }
        word = new String(letters);
      } while (!seen.add(word));
      words[rank] = word.getBytes(StandardCharsets.US_ASCII);
    }
    return new Vocabulary(words);
  }

  /** Number of words. */
  public int size() {
    return words.length;
  }

  /** The word of {@code rank} as ASCII bytes (do not modify). */
  public byte[] bytes(int rank) {
    return words[rank];
  }

  /** The word of {@code rank}. */
  public String word(int rank) {
    return new String(words[rank], StandardCharsets.US_ASCII);
  }
}
