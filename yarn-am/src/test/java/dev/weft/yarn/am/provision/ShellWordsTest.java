package dev.weft.yarn.am.provision;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class ShellWordsTest {
  @Test
  public void splitsOnWhitespaceKeepingQuotedWords() {
    assertEquals(
        List.of("-XX:+UseG1GC", "-Dname=a b", "-Dx=it's"),
        ShellWords.split("  -XX:+UseG1GC \"-Dname=a b\"   -Dx=it\"'\"s "));
  }

  @Test
  public void quotesOnlyWordsWithSpecialCharacters() {
    assertEquals("-Dx=1", ShellWords.quote("-Dx=1"));
    assertEquals("'a b'", ShellWords.quote("a b"));
    assertEquals("'it'\\''s'", ShellWords.quote("it's"));
    assertEquals("'$HOME'", ShellWords.quote("$HOME"));
  }

  @Test(expected = IllegalArgumentException.class)
  public void unclosedQuoteIsAnError() {
    ShellWords.split("-Dx='oops");
  }
}
