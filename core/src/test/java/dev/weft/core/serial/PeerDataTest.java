package dev.weft.core.serial;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.core.rpc.RpcCodec;
import dev.weft.core.runtime.MapStatus;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.File;
import java.util.Date;
import java.util.List;
import org.junit.Test;

/** What the driver accepts from executors: Java serialization allow-list, strict Kryo. */
public class PeerDataTest {
  /** An application's exception that carries a field of a class nobody allowed. */
  static final class CarriesFile extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final File file = new File("/etc/passwd");
  }

  private static byte[] failureWith(Throwable t) {
    return JavaSerializer.serialize(
        new TaskEndReason.ExceptionFailure(
            t.getClass().getName(), t.getMessage(), "trace", t, List.of(), null));
  }

  @Test
  public void aTaskEndWithAnApplicationExceptionIsAccepted() {
    TaskEndReason end =
        RpcCodec.decodeEnd(
            failureWith(new IllegalStateException("boom", new ArithmeticException("/ by zero"))),
            new PeerClassFilter(""));

    assertEquals(
        "java.lang.IllegalStateException: boom", ((TaskEndReason.ExceptionFailure) end).describe());
  }

  @Test
  public void aClassOutsideTheAllowListIsRefusedAndNamed() {
    SerializationException e =
        assertThrows(
            SerializationException.class,
            () -> RpcCodec.decodeEnd(failureWith(new CarriesFile()), new PeerClassFilter("")));
    assertTrue(e.getMessage(), e.getMessage().contains("java.io.File"));
    assertThrows(
        SerializationException.class,
        () -> RpcCodec.decodeEnd(JavaSerializer.serialize(new Date()), new PeerClassFilter("")));
  }

  @Test
  public void configuredPatternsExtendTheAllowList() {
    TaskEndReason end =
        RpcCodec.decodeEnd(failureWith(new CarriesFile()), new PeerClassFilter("java.io.File"));

    assertTrue(((TaskEndReason.ExceptionFailure) end).exception() instanceof CarriesFile);
  }

  @Test
  public void anAllowedObjectThatIsNotATaskEndIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RpcCodec.decodeEnd(JavaSerializer.serialize("text"), new PeerClassFilter("")));
  }

  @Test
  public void engineMessagesAreReadWithRegistrationRequiredEvenWhenRecordsNeedNone() {
    KryoSerializer kryo = new KryoSerializer(true, false, List.of());
    MapStatus status = new MapStatus("exec-1", "node-1", 7337, 3, 3, new long[] {1, 2});

    MapStatus read = kryo.readEngine(kryo.serialize(status), MapStatus.class);

    assertEquals("exec-1", read.executorId());
    assertArrayEquals(new long[] {1, 2}, read.blockSizes());
    assertEquals(new Date(5), kryo.deserialize(kryo.serialize(new Date(5))));
    SerializationException e =
        assertThrows(
            SerializationException.class,
            () -> kryo.readEngine(kryo.serialize(new Date(5)), MapStatus.class));
    assertTrue(e.getMessage(), e.getMessage().contains("java.util.Date"));
    assertThrows(
        SerializationException.class, () -> kryo.readEngine(kryo.serialize("x"), MapStatus.class));
  }
}
