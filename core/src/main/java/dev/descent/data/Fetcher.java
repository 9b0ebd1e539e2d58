package dev.descent.data;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;

/**
 * Copies the bytes at a URI into a stream: the one network operation of the dataset catalog, behind an
 * interface so tests can stand in for the network.
 *
 * <p>A fetcher only moves bytes; {@link Datasets} hashes what arrives, writes it to a temporary file and
 * moves it into place only when the SHA-256 matches.
 *
 * <pre>{@code
 * Fetcher http = Fetcher.http(Duration.ofSeconds(30));
 * http.fetch(URI.create("https://example.org/file.gz"), out, Progress.textBar(System.err));
 * }</pre>
 */
@FunctionalInterface
public interface Fetcher {

    /**
     * Writes the content at {@code source} to {@code sink}, reporting progress under {@code name}.
     *
     * @throws IOException if the source cannot be reached, answers with an error, or stalls
     */
    void fetch(URI source, String name, OutputStream sink, Progress progress) throws IOException;

    /**
     * The real fetcher: HTTP(S) with {@link java.net.http.HttpClient}, following redirects, failing when
     * connecting, waiting for the response, or waiting for any further bytes takes longer than {@code timeout}.
     */
    static Fetcher http(Duration timeout) {
        return new HttpFetcher(timeout);
    }
}
