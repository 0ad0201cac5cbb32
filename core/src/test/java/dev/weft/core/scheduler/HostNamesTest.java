package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** How block hosts and node names are made comparable. */
public class HostNamesTest {

  @Test
  public void loopbackAddressesAreLocalhost() {
    HostNames names = HostNames.parse(null);
    assertEquals("localhost", names.canonical("127.0.0.1"));
    assertEquals("localhost", names.canonical("::1"));
    assertEquals("localhost", names.canonical("LOCALHOST"));
  }

  @Test
  public void namesCompareCaseInsensitivelyWithoutTheTrailingDot() {
    HostNames names = HostNames.parse("");
    assertEquals("dn1.example.com", names.canonical("DN1.Example.COM."));
  }

  @Test
  public void anAliasMapsTheHdfsNameToTheYarnName() {
    HostNames names = HostNames.parse("dn0.test=localhost:1234, DN1.test = localhost:5678");
    assertEquals("localhost:1234", names.canonical("dn0.test"));
    assertEquals("localhost:5678", names.canonical("dn1.TEST"));
    assertEquals("dn2.test", names.canonical("dn2.test"));
  }

  @Test
  public void nodeNamesWithAPortAreLeftAsTheyAre() {
    assertEquals("localhost:45454", HostNames.parse(null).canonical("localhost:45454"));
  }

  @Test
  public void nullStaysNull() {
    assertNull(HostNames.parse(null).canonical(null));
  }
}
