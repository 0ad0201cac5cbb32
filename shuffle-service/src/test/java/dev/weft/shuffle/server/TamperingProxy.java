package dev.weft.shuffle.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP proxy in front of a server that records what the server sends and, when asked,
 * flips one bit of it at a chosen offset of every connection: a man in the middle for tests.
 */
final class TamperingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final long flipAt;
  private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
  private final List<Socket> sockets = new ArrayList<>();
  private final Thread acceptor;

  /**
   * @param target the server's port on 127.0.0.1
   * @param flipAt the offset in each connection's server-to-client stream whose low bit is flipped;
   *     negative for none
   */
  TamperingProxy(int target, long flipAt) throws IOException {
    this.target = target;
    this.flipAt = flipAt;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "tampering-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Everything the server sent, over all connections. */
  synchronized byte[] fromServer() {
    return fromServer.toByteArray();
  }

  private void accept() {
    try {
      while (true) {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        synchronized (this) {
          sockets.add(client);
          sockets.add(server);
        }
        pipe(client, server, false);
        pipe(server, client, true);
      }
    } catch (IOException closed) {
      // The proxy is closed.
    }
  }

  private void pipe(Socket from, Socket to, boolean serverToClient) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              long offset = 0;
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  if (serverToClient) {
                    synchronized (this) {
                      fromServer.write(buf, 0, n);
                    }
                    if (flipAt >= offset && flipAt < offset + n) {
                      buf[(int) (flipAt - offset)] ^= 1;
                    }
                  }
                  offset += n;
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // Either side closed.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tampering-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing to do.
    }
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
    synchronized (this) {
      for (Socket s : sockets) {
        closeQuietly(s);
      }
    }
  }
}
