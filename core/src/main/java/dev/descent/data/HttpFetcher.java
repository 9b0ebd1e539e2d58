package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link Fetcher#http}: HTTP(S) downloads with connect, response and stall timeouts. */
final class HttpFetcher implements Fetcher {
    private final Duration timeout;
    private final HttpClient client;

    HttpFetcher(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public void fetch(URI source, String name, OutputStream sink, Progress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(source).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + source);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + source);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            copyWithStallTimeout(body, sink, name, total, progress);
        }
    }

    /**
     * The HTTP client's timeout covers only the wait for response headers; a watchdog closes the body
     * if no bytes arrive for {@code timeout}, so a stalled server cannot hang a training run forever.
     */
    private void copyWithStallTimeout(InputStream body, OutputStream sink, String name, long total, Progress progress)
            throws IOException {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "descent-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean stalled = new AtomicBoolean();
        try {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            progress.update(name, 0, total);
            while (true) {
                ScheduledFuture<?> alarm = watchdog.schedule(() -> {
                    stalled.set(true);
                    try {
                        body.close();
                    } catch (IOException ignored) {
                        // closing is only a way to wake the reader
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException e) {
                    if (stalled.get()) {
                        throw new HttpTimeoutException("no data for " + timeout.toSeconds() + " s after " + done + " bytes");
                    }
                    throw e;
                } finally {
                    alarm.cancel(false);
                }
                if (n < 0) {
                    if (stalled.get()) {
                        throw new HttpTimeoutException("no data for " + timeout.toSeconds() + " s after " + done + " bytes");
                    }
                    break;
                }
                sink.write(buf, 0, n);
                done += n;
                progress.update(name, done, total);
            }
            if (total >= 0 && done != total) {
                throw new IOException("connection closed after " + done + " of " + total + " bytes");
            }
        } finally {
            watchdog.shutdownNow();
        }
    }
}
