package dev.weft.shuffle.yarn;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.weft.shuffle.internal.HandshakeCrypto;
import dev.weft.shuffle.protocol.MessageType;
import dev.weft.shuffle.protocol.ShuffleProtocol;
import dev.weft.shuffle.protocol.proto.AuthResponse;
import dev.weft.shuffle.protocol.proto.ClientHello;
import dev.weft.shuffle.protocol.proto.RegisterExecutor;
import dev.weft.shuffle.protocol.proto.ServerChallenge;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A blocking client of the shuffle protocol for tests: speaks the frames and the handshake over a
 * plain socket, so a test can see exactly what the service answers.
 */
final class RawShuffleConnection implements Closeable {
  private static final int TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private RawShuffleConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  static RawShuffleConnection open(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MS);
    socket.setSoTimeout(TIMEOUT_MS);
    return new RawShuffleConnection(socket);
  }

  /** Runs the handshake; the answer is an {@code AuthOk} or an {@code Error}. */
  MessageLite authenticate(String appId, byte[] secret) throws IOException {
    byte[] clientNonce = HandshakeCrypto.newNonce();
    send(
        ClientHello.newBuilder()
            .setProtocolVersion(ShuffleProtocol.VERSION)
            .setAppId(appId)
            .setClientNonce(ByteString.copyFrom(clientNonce))
            .build());
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

  /** Registers an executor on an authenticated connection; the answer is an Ack or an Error. */
  MessageLite registerExecutor(String appId, String executorId, List<String> dirs, int subDirs)
      throws IOException {
    send(
        RegisterExecutor.newBuilder()
            .setRequestId(1)
            .setAppId(appId)
            .setExecutorId(executorId)
            .addAllLocalDirs(dirs)
            .setSubDirsPerDir(subDirs)
            .build());
    return receive();
  }

  private void send(MessageLite message) throws IOException {
    byte[] body = message.toByteArray();
    out.writeInt(1 + body.length);
    out.writeByte(MessageType.of(message).id());
    out.write(body);
    out.flush();
  }

  private MessageLite receive() throws IOException {
    int length = in.readInt();
    int type = in.readUnsignedByte();
    byte[] body = new byte[length - 1];
    in.readFully(body);
    return MessageType.byId(type).parse(body);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
