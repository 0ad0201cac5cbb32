package dev.weft.it.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The browser helper against a page served on localhost: DOM after scripts, and a screenshot. */
public class HeadlessChromiumIT {
  private static final String PAGE =
      "<!DOCTYPE html><html><head><title>stages</title></head><body>"
          + "<table id=\"stages\"><tr><th>Stage</th><th>Tasks</th></tr>"
          + "<tr><td>0</td><td>4</td></tr></table>"
          + "<svg id=\"dag\" width=\"200\" height=\"80\"><rect x=\"10\" y=\"10\" width=\"60\""
          + " height=\"40\" fill=\"#4a90d9\"></rect></svg>"
          + "<script>setTimeout(function () {"
          + " var row = document.getElementById('stages').insertRow(-1);"
          + " row.id = 'added-by-script'; row.insertCell(0).textContent = '1';"
          + "}, 1000);</script>"
          + "</body></html>";

  private static HttpServer server;
  private static String url;

  @BeforeClass
  public static void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterClass
  public static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  public void dumpDomHasTheTableTheSvgAndWhatTheScriptAddedAfterATimer() {
    String dom = HeadlessChromium.find().dumpDom(url);

    assertTrue(dom, dom.contains("<table id=\"stages\">"));
    assertTrue(dom, dom.contains("<svg id=\"dag\""));
    assertTrue("the 1 s timer ran in virtual time: " + dom, dom.contains("id=\"added-by-script\""));
  }

  @Test
  public void screenshotWritesAPngOfTheWindowSize() throws Exception {
    Path png =
        Path.of(
            System.getProperty("weftTestDir", "target"), "screenshots", "headless-chromium.png");

    HeadlessChromium.find().screenshot(url, png, 640, 360);

    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(png + " is " + Files.size(png) + " bytes", Files.size(png) > 0);
    assertEquals(640, image.getWidth());
    assertEquals(360, image.getHeight());
    assertTrue("the blue rectangle is drawn", hasColor(image, 0x4a90d9));
  }

  @Test
  public void aMissingBrowserFailsWithTheInstallCommand() {
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> HeadlessChromium.at(Path.of("/nonexistent/chromium")));
    assertEquals(
        "Chromium not found at /nonexistent/chromium: install it with apt-get install chromium",
        e.getMessage());
  }

  @Test
  public void noChromiumProcessOutlivesACall() throws Exception {
    Path root =
        Files.createTempDirectory(
            Path.of(System.getProperty("weftTestDir", "target")), "chromium-profiles");

    HeadlessChromium.find().withProfileRoot(root).screenshot(url, root.resolve("x.png"), 200, 100);

    assertEquals(List.of(), HeadlessChromium.processesNaming(root));
    try (Stream<Path> left = Files.list(root)) {
      assertEquals("profiles removed", List.of(root.resolve("x.png")), left.toList());
    }
  }

  private static boolean hasColor(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
