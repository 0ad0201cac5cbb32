package dev.weft.shuffle.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.weft.shuffle.internal.HandshakeCrypto;
import dev.weft.shuffle.protocol.MessageType;
import dev.weft.shuffle.protocol.ShuffleProtocol;
import dev.weft.shuffle.protocol.proto.AuthResponse;
import dev.weft.shuffle.protocol.proto.ClientHello;
import dev.weft.shuffle.protocol.proto.ServerChallenge;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A blocking client of the shuffle protocol over a plain socket, bound to a chosen loopback address
 * (127.0.0.2, ...), so a test can play a misbehaving client and see exactly what the server
 * answers.
 */
final class RawConnection implements Closeable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  /** A connection from {@code localAddress} to the server on {@code port} of 127.0.0.1. */
  static RawConnection open(String localAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(20_000);
    return new RawConnection(socket);
  }

  /** Sends a ClientHello for {@code appId}; the server answers a challenge or an error. */
  MessageLite hello(String appId) throws IOException {
    sendHello(appId, HandshakeCrypto.newNonce());
    return receive();
  }

  /** Runs the whole handshake; the answer is an AuthOk or an Error. */
  MessageLite authenticate(String appId, byte[] secret) throws IOException {
    byte[] clientNonce = HandshakeCrypto.newNonce();
    sendHello(appId, clientNonce);
    MessageLite reply = receive();
    if (!(reply instanceof ServerChallenge challenge)) {
      return reply;
    }
    byte[] proof =
        HandshakeCrypto.clientProof(
            secret,
            ShuffleProtocol.VERSION,
            appId,
            clientNonce,
            challenge.getServerNonce().toByteArray());
    send(AuthResponse.newBuilder().setClientProof(ByteString.copyFrom(proof)).build());
    return receive();
  }

  private void sendHello(String appId, byte[] nonce) throws IOException {
    send(
        ClientHello.newBuilder()
            .setProtocolVersion(ShuffleProtocol.VERSION)
            .setAppId(appId)
            .setClientNonce(ByteString.copyFrom(nonce))
            .build());
  }

  void send(MessageLite message) throws IOException {
    byte[] body = message.toByteArray();
    out.writeInt(1 + body.length);
    out.writeByte(MessageType.of(message).id());
    out.write(body);
    out.flush();
  }

  /** Sends only a length prefix announcing a frame of {@code length} bytes. */
  void sendLengthPrefix(int length) throws IOException {
    out.writeInt(length);
    out.flush();
  }

  MessageLite receive() throws IOException {
    int length = in.readInt();
    int type = in.readUnsignedByte();
    byte[] body = new byte[length - 1];
    in.readFully(body);
    return MessageType.byId(type).parse(body);
  }

  /** Whether the server closed the connection: the next read finds the end of the stream. */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (EOFException e) {
      return true;
    } catch (java.net.SocketException e) {
      // A reset after the close counts as closed too.
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
