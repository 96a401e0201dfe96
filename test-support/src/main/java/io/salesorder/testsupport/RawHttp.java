package io.salesorder.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 on a plain loopback socket, for what a client library will not send: a URI or headers beyond the server's
 * limits, a body larger than it accepts, an upload that stops half way.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A parsed response: status, the raw header block (lower-cased names), and the body as text. */
    public record Reply(int status, String headers, String body) {

        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String contentType() {
            String type = header("content-type");
            return type == null ? "" : type.toLowerCase(Locale.ROOT);
        }
    }

    /** Opens a connection to the application under test on loopback. */
    public static Socket connect(int port, Duration readTimeout) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout((int) readTimeout.toMillis());
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and then {@code body}, and reads the
     * answer. The server may answer and close before the body is all written: the write error is then ignored and
     * the answer read.
     */
    public static Reply exchange(int port, String head, byte[] body, Duration readTimeout) {
        try (Socket socket = connect(port, readTimeout)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException refusedMidWay) {
                // The server answered early and closed; its answer is still to be read.
            }
            return read(socket);
        } catch (IOException e) {
            throw new IllegalStateException("The exchange with 127.0.0.1:" + port + " failed", e);
        }
    }

    /** Reads one response from {@code socket} until the server closes it or the body's declared length is read. */
    public static Reply read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headerEnd = -1;
        long bodyLength = -1;
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    bodyLength = declaredLength(text.substring(0, headerEnd));
                }
                if (headerEnd >= 0 && bodyLength >= 0 && text.length() - headerEnd - 4 >= bodyLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (headerEnd < 0) {
                throw e;
            }
        } catch (IOException reset) {
            if (headerEnd < 0) {
                throw reset;
            }
        }
        String text = received.toString(StandardCharsets.UTF_8);
        if (headerEnd < 0) {
            throw new IOException("No complete response; received: " + text);
        }
        int firstSpace = text.indexOf(' ');
        int status = Integer.parseInt(text.substring(firstSpace + 1, firstSpace + 4));
        return new Reply(status, text.substring(0, headerEnd), text.substring(headerEnd + 4));
    }

    private static long declaredLength(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }
}
