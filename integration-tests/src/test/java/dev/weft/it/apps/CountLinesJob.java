package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;

/** Counts the lines of the text files at {@code args[0]} and prints the count. */
public final class CountLinesJob {
  private CountLinesJob() {}

  public static void main(String[] args) {
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("CountLinesJob"))) {
      System.out.println("lines: " + weft.textFile(args[0]).count());
    }
  }
}
