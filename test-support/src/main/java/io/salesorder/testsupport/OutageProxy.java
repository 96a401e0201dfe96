package io.salesorder.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay between a service and its datastore that a test can cut and restore, to prove that the
 * service answers fast 503s while its datastore is gone and recovers by itself when it returns. While cut, new
 * connections are accepted and closed at once, as a dead pod's address would refuse them.
 */
public final class OutageProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile String cutOnClientBytes;

    private OutageProxy(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public static OutageProxy to(String host, int port) {
        return listening(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), host, port);
    }

    /** A relay on a given address and port, as a cluster Service forwards its port to a pod's. */
    public static OutageProxy listening(InetSocketAddress address, String host, int port) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(address);
            OutageProxy proxy = new OutageProxy(listener, host, port);
            Thread acceptor = new Thread(proxy::acceptLoop, "outage-proxy-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open a proxy to " + host + ":" + port, e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void restore() {
        cut = false;
        cutOnClientBytes = null;
    }

    /**
     * Arms a cut at an exact moment: the first time a MySQL client sends the statement {@code sql} alone (a
     * {@code COM_QUERY} packet, any case), the packet is not delivered and every connection is dropped, as if the
     * database died just then; the relay stays cut until {@link #restore()}. {@code COMMIT} is such a moment.
     */
    public void cutOnMySqlStatement(String sql) {
        cutOnClientBytes = sql.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isMySqlStatement(byte[] packet, int length, String sql) {
        // 3 bytes of length, 1 of sequence, then the command: 0x03 is COM_QUERY, followed by the statement.
        return length > 5 && packet[4] == 0x03 && new String(packet, 5, length - 5,
                java.nio.charset.StandardCharsets.ISO_8859_1).trim().toLowerCase(java.util.Locale.ROOT).equals(sql);
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // The listener closed, or the target refused: the client sees a closed connection either way.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    String marker = cutOnClientBytes;
                    if (fromClient && marker != null && isMySqlStatement(buffer, read, marker)) {
                        cutOnClientBytes = null;
                        cut();
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "outage-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
