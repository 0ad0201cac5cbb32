package dev.weft.core.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP relay to a target port that keeps every byte it relays, each direction apart. */
final class RecordingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final ByteArrayOutputStream up = new ByteArrayOutputStream();
  private final ByteArrayOutputStream down = new ByteArrayOutputStream();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  RecordingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "recording-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** What clients sent. */
  byte[] sent() {
    synchronized (up) {
      return up.toByteArray();
    }
  }

  /** What the target answered. */
  byte[] received() {
    synchronized (down) {
      return down.toByteArray();
    }
  }

  private void accept() {
    try {
      while (true) {
        Socket client = listener.accept();
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(target);
        relay(client.getInputStream(), target.getOutputStream(), up);
        relay(target.getInputStream(), client.getOutputStream(), down);
      }
    } catch (IOException closed) {
      // the proxy was closed
    }
  }

  private static void relay(InputStream in, OutputStream out, ByteArrayOutputStream record) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  synchronized (record) {
                    record.write(buffer, 0, n);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException closed) {
                // one side closed
              } finally {
                try {
                  out.close();
                } catch (IOException ignored) {
                  // closing anyway
                }
              }
            },
            "recording-proxy-relay");
    t.setDaemon(true);
    t.start();
  }

  /** Whether {@code needle} occurs in {@code haystack}. */
  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
