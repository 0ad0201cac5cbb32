package dev.weft.shuffle.server;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import org.junit.Test;

/** A server that cannot start leaves nothing running behind. */
public class ServerStartTest {

  private static long shuffleThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("weft-shuffle"))
        .count();
  }

  @Test
  public void aPortInUseFailsStartWithTheAddressAndLeavesNoThreads() throws Exception {
    try (ShuffleServer first = new ShuffleServer(ShuffleServerConfig.builder().port(0).build())) {
      int port = first.start();
      long threadsBefore = shuffleThreads();

      ShuffleServer second = new ShuffleServer(ShuffleServerConfig.builder().port(port).build());
      IOException e = assertThrows(IOException.class, second::start);

      assertTrue(e.getMessage(), e.getMessage().contains("cannot listen on"));
      assertTrue(e.getMessage(), e.getMessage().contains(String.valueOf(port)));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (shuffleThreads() > threadsBefore && System.nanoTime() < deadline) {
        Thread.sleep(10); // polling with a deadline: event loop threads end asynchronously
      }
      assertEquals(threadsBefore, shuffleThreads());
      second.close();
    }
  }
}
