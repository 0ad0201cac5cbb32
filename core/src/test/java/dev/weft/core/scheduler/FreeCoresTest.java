package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Before;
import org.junit.Test;

/** Which executors get offers, and in what order. */
public class FreeCoresTest {
  private final FreeCores cores = new FreeCores();

  @Before
  public void setUp() {
    cores.add("e0", 2);
    cores.add("e1", 1);
    cores.add("e2", 1);
    cores.add("e3", 1);
  }

  @Test
  public void offersGoOnlyToExecutorsWithAFreeCoreInRegistrationOrder() {
    cores.adjust("e1", -1);

    assertEquals(List.of("e0", "e2", "e3"), cores.offerOrder(0));
    cores.adjust("e1", 1);
    assertEquals(List.of("e0", "e1", "e2", "e3"), cores.offerOrder(0));
  }

  @Test
  public void theRotationStartsAtTheRegisteredExecutorInThatPositionEvenWhenItIsBusy() {
    cores.adjust("e2", -1);

    assertEquals(
        "as rotating all executors [e2 e3 e0 e1] and skipping busy e2",
        List.of("e3", "e0", "e1"),
        cores.offerOrder(2));
    assertEquals("the rotation wraps around", List.of("e3", "e0", "e1"), cores.offerOrder(6));
    assertEquals(List.of("e1", "e3", "e0"), cores.offerOrder(-3));
  }

  @Test
  public void anExecutorWithCoresLeftStaysOfferedUntilTheLastOneIsTaken() {
    cores.adjust("e0", -1);
    assertEquals(1, cores.get("e0"));
    assertTrue(cores.offerOrder(0).contains("e0"));

    cores.adjust("e0", -1);
    assertEquals(0, cores.get("e0"));
    assertFalse(cores.offerOrder(0).contains("e0"));
  }

  @Test
  public void aRemovedExecutorIsNeitherOfferedNorCountedInTheRotation() {
    cores.remove("e1");

    assertFalse(cores.contains("e1"));
    assertEquals(0, cores.get("e1"));
    assertEquals(List.of("e2", "e3", "e0"), cores.offerOrder(1));
    cores.adjust("e1", 1);
    assertFalse("a late task end of a removed executor adds nothing", cores.contains("e1"));
  }

  @Test
  public void registeringAgainKeepsThePlaceAndResetsTheFreeCores() {
    cores.adjust("e0", -2);

    cores.add("e0", 2);

    assertEquals(2, cores.get("e0"));
    assertEquals(List.of("e0", "e1", "e2", "e3"), cores.offerOrder(0));
  }

  @Test
  public void nothingIsOfferedWhenEveryCoreIsTaken() {
    cores.adjust("e0", -2);
    cores.adjust("e1", -1);
    cores.adjust("e2", -1);
    cores.adjust("e3", -1);

    assertEquals(List.of(), cores.offerOrder(3));
  }
}
