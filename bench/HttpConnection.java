import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection of the benchmarks' load generators, written and read
 * directly: on 2 cores the JDK's HTTP client, with its own threads, took CPU from the server
 * (single-sample POSTs 1,358/s with it, 1,549/s with this), and under 256 connections it once
 * measured the server's 202s at a p99 four times the server's own (docs/performance.md, "Past
 * saturation").
 * Compiled by the scripts before the benchmark that uses it (a benchmark's own file is run as a
 * single source file).
 */
public final class HttpConnection implements AutoCloseable {

    /** A response: its status, its headers by lower-case name, its body. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    /**
     * Connecting, and each read of a response, give up after this long (an IOException); a write
     * the server does not take waits on.
     */
    static final int TIMEOUT_MILLIS = 30_000;

    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    public HttpConnection(URI base) {
        this.base = base;
    }

    /** The time in ns of a POST of a JSON body with a bearer token, which must be answered 202. */
    public long timedAccepted(String path, String token, byte[] body) throws IOException {
        long started = System.nanoTime();
        Response response = post(path, token, body);
        long elapsed = System.nanoTime() - started;
        if (response.status() != 202) {
            throw new IllegalStateException("POST: " + response.status() + " " + response.body());
        }
        return elapsed;
    }

    /** POSTs a JSON body with a bearer token and reads the whole response. */
    public Response post(String path, String token, byte[] body) throws IOException {
        return send("POST", path, token, body);
    }

    /**
     * Sends a request with a bearer token and a JSON body (none when {@code body} is null) and reads
     * the whole response; connects first when there is no connection (at first, and after the server
     * closed the last one). Any failure closes the connection: the next request opens a new one.
     */
    public Response send(String method, String path, String token, byte[] body) throws IOException {
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: Bearer "
                + token + (body == null ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + body.length)
                + "\r\n\r\n";
        try {
            if (socket == null) {
                Socket connected = new Socket();
                connected.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
                connected.setSoTimeout(TIMEOUT_MILLIS);
                connected.setTcpNoDelay(true);
                out = new BufferedOutputStream(connected.getOutputStream(), 1 << 16);
                in = new BufferedInputStream(connected.getInputStream(), 1 << 16);
                socket = connected;
            }
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String status = line();
            Map<String, String> headers = new HashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = Math.max(0, header.indexOf(':'));
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            String response = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? chunks()
                    : new String(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))),
                            StandardCharsets.UTF_8);
            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                close();
            }
            return new Response(Integer.parseInt(status.split(" ")[1]), headers, response);
        } catch (IOException | RuntimeException failed) {
            close();
            throw failed instanceof IOException io ? io : new IOException("Not an HTTP/1.1 response: " + failed, failed);
        }
    }

    private String chunks() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            line();
        }
        line();
        return body.toString();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("The server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
