package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real fetcher against a server on the loopback interface (no outside network needed). */
class HttpFetcherTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final byte[] body = new byte[300_000];

    @BeforeEach
    void start() throws IOException {
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/stall", ex -> {
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, 1000);
            out.flush();
            try {
                release.await(); // never sends the rest until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void fetch_copiesTheBodyAndReportsProgress() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<Long> done = new ArrayList<>();
        Fetcher.http(Duration.ofSeconds(5)).fetch(uri("/file"), "file", sink, (f, d, total) -> {
            assertEquals(body.length, total);
            done.add(d);
        });
        assertArrayEquals(body, sink.toByteArray());
        assertEquals(0L, done.getFirst());
        assertEquals(body.length, done.getLast());
    }

    @Test
    void fetch_httpErrorStatus() {
        IOException e = assertThrows(IOException.class, () -> Fetcher.http(Duration.ofSeconds(5))
                .fetch(uri("/missing"), "missing", OutputStream.nullOutputStream(), Progress.none()));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }

    @Test
    void fetch_stalledServerTimesOut() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class,
                () -> Fetcher.http(Duration.ofSeconds(1)).fetch(uri("/stall"), "stall", OutputStream.nullOutputStream(),
                        Progress.none())));
        assertTrue(e.getMessage().contains("no data for 1 s after 1000 bytes"), e.getMessage());
    }

    @Test
    void http_nonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> Fetcher.http(Duration.ZERO));
    }
}
