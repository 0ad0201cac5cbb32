package dev.weft.shuffle.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.ByteString;
import dev.weft.shuffle.protocol.proto.ClientHello;
import dev.weft.shuffle.protocol.proto.Error;
import dev.weft.shuffle.protocol.proto.ErrorCode;
import dev.weft.shuffle.server.ShuffleServer;
import dev.weft.shuffle.server.ShuffleServerConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Speaks the wire format by hand, as a foreign or outdated client would. */
public class ProtocolRefusalTest {
  private ShuffleServer server;

  @Before
  public void setUp() throws Exception {
    server = new ShuffleServer(ShuffleServerConfig.builder().port(0).nodeName("node-1").build());
    server.registerApplication("app-a", "s".getBytes(StandardCharsets.UTF_8));
    server.start();
  }

  @After
  public void tearDown() {
    server.close();
  }

  @Test
  public void anUnknownMessageTypeIsRefusedWithAMessageAndTheConnectionClosed() throws Exception {
    try (Socket s = new Socket("localhost", server.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(3);
      out.write(new byte[] {99, 0, 0});
      out.flush();

      Error error = readError(new DataInputStream(s.getInputStream()));

      assertEquals(ErrorCode.UNKNOWN_MESSAGE_TYPE, error.getCode());
      assertTrue(error.getMessage(), error.getMessage().contains("unknown message type id 99"));
      assertTrue(error.getFatal());
      assertEquals("node-1", error.getNode());
      assertClosed(new DataInputStream(s.getInputStream()));
    }
  }

  @Test
  public void anotherProtocolVersionIsRefusedNamingBoth() throws Exception {
    try (Socket s = new Socket("localhost", server.port())) {
      byte[] hello =
          ClientHello.newBuilder()
              .setProtocolVersion(ShuffleProtocol.VERSION + 1)
              .setAppId("app-a")
              .setClientNonce(ByteString.copyFrom(new byte[32]))
              .build()
              .toByteArray();
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(1 + hello.length);
      out.write(MessageType.CLIENT_HELLO.id());
      out.write(hello);
      out.flush();

      Error error = readError(new DataInputStream(s.getInputStream()));

      assertEquals(ErrorCode.UNSUPPORTED_VERSION, error.getCode());
      assertEquals(
          "expected shuffle protocol version "
              + ShuffleProtocol.VERSION
              + ", found "
              + (ShuffleProtocol.VERSION + 1),
          error.getMessage());
    }
  }

  @Test
  public void anOversizedFrameIsRefused() throws Exception {
    try (Socket s = new Socket("localhost", server.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      Error error = readError(new DataInputStream(s.getInputStream()));

      assertEquals(ErrorCode.MALFORMED_MESSAGE, error.getCode());
    }
  }

  private static Error readError(DataInputStream in) throws Exception {
    int length = in.readInt();
    assertEquals(MessageType.ERROR.id(), in.readUnsignedByte());
    byte[] body = new byte[length - 1];
    in.readFully(body);
    return Error.parseFrom(body);
  }

  private static void assertClosed(DataInputStream in) throws Exception {
    try {
      assertEquals(-1, in.read());
    } catch (EOFException | java.net.SocketException e) {
      // closed
    }
  }
}
