package dev.descent.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.descent.io.Json;
import dev.descent.report.Interactive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's HTTP server, read-only, on the JDK's {@code com.sun.net.httpserver}. It answers GET only:
 *
 * <pre>
 * /                          the page (index.html, app.js, app.css under /static/, uPlot from its WebJar)
 * /api/folders               the results folders under the roots ({@link ResultsIndex.Entry} list)
 * /api/folder?id=ID          one folder: kind, status, pictures, a sweep's trials.csv table
 * /api/metrics?id=ID         every series of the folder, every complete row ({@link FolderSeries#json})
 * /api/events?id=ID&id=...   the same as server-sent events, for one or more folders: everything after
 *                            Last-Event-ID, then new rows as they arrive, at most one event per throttle interval
 * /files/ID/PATH             a file inside a root (pictures, CSV, JSON, YAML, report.html); never a listing
 * </pre>
 *
 * Everything else, and every path {@link SafePaths} refuses, is 404. Bound to a loopback address it also refuses a
 * request whose {@code Host} is not that address or {@code localhost} (a web page elsewhere cannot reach it through
 * DNS rebinding). Every answer carries a Content-Security-Policy that allows nothing from elsewhere.
 *
 * <pre>{@code
 * try (DashboardServer s = DashboardServer.start(SafePaths.of(List.of(Path.of("results"))), "127.0.0.1", 8080, 500)) {
 *     System.out.println(s.url());
 *     s.awaitStop();
 * }
 * }</pre>
 */
public final class DashboardServer implements AutoCloseable {
    /** The default throttle: a page gets at most this many milliseconds' worth of rows per event. */
    public static final long THROTTLE_MILLIS = 500;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /**
     * For files of the results folders (report.html, SVG): sandboxed (an opaque origin: no access to the dashboard's
     * API), styles inline, images from the folder or embedded, and no script but the interactive report's own, named by
     * its hash ({@link Interactive#SCRIPT_SOURCE}).
     */
    static final String FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src "
            + Interactive.SCRIPT_SOURCE + "; sandbox allow-scripts";
    private static final String PAGE = "/dev/descent/serve/";
    private static final long KEEPALIVE_MILLIS = 15_000;
    /** The most folders one event stream follows (the page compares a handful). */
    static final int MAX_STREAMED = 32;

    private final HttpServer http;
    private final ExecutorService executor;
    private final SafePaths roots;
    private final long throttleMillis;
    private final boolean loopback;
    private final Map<Path, FolderSeries> series = new ConcurrentHashMap<>();
    private final Map<String, Resource> statics;
    private volatile boolean stopping;

    private record Resource(String classpath, String type) {
    }

    private DashboardServer(HttpServer http, ExecutorService executor, SafePaths roots, long throttleMillis, boolean loopback) {
        this.http = http;
        this.executor = executor;
        this.roots = roots;
        this.throttleMillis = throttleMillis;
        this.loopback = loopback;
        String uplot = Interactive.UPLOT;
        this.statics = Map.of(
                "/", new Resource(PAGE + "index.html", "text/html; charset=utf-8"),
                "/static/app.js", new Resource(PAGE + "app.js", "text/javascript; charset=utf-8"),
                "/static/charts.js", new Resource(PAGE + "charts.js", "text/javascript; charset=utf-8"),
                "/static/app.css", new Resource(PAGE + "app.css", "text/css; charset=utf-8"),
                "/static/charts.css", new Resource(PAGE + "charts.css", "text/css; charset=utf-8"),
                "/static/icon.svg", new Resource(PAGE + "icon.svg", "image/svg+xml"),
                "/static/uPlot.iife.min.js", new Resource(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                "/static/uPlot.min.css", new Resource(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
    }

    /**
     * Starts serving {@code roots} on {@code host}:{@code port} ({@code port} 0: any free port).
     *
     * @param throttleMillis how often an event stream looks for new rows, at most
     */
    public static DashboardServer start(SafePaths roots, String host, int port, long throttleMillis) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
        }
        InetAddress address = InetAddress.getByName(host);
        HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        DashboardServer s = new DashboardServer(http, executor, roots, throttleMillis, address.isLoopbackAddress());
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The page's address. */
    public String url() {
        InetAddress a = http.getAddress().getAddress();
        String host = a.getHostAddress().contains(":") ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return "http://" + host + ":" + port() + "/";
    }

    /** Blocks until the process is interrupted (Ctrl-C ends the JVM, which closes the socket). */
    public void awaitStop() throws InterruptedException {
        while (!stopping) {
            Thread.sleep(1000);
        }
    }

    @Override
    public void close() {
        stopping = true;
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                dispatch(ex);
            } catch (IOException e) {
                // a file or folder that went away between the look and the read is not found; if the answer had begun,
                // the page went away mid-answer and there is nothing to do
                answerIfNothingSent(ex, 404, "not found");
            } catch (RuntimeException e) {
                answerIfNothingSent(ex, 500, "internal error in descent serve: " + e);
            }
        }
    }

    private void dispatch(HttpExchange ex) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
        if (!ex.getRequestMethod().equals("GET")) {
            h.set("Allow", "GET");
            text(ex, 405, "read-only: GET only");
            return;
        }
        if (loopback && !hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
            text(ex, 403, "unexpected Host header");
            return;
        }
        String path = ex.getRequestURI().getRawPath();
        Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
        Resource r = statics.get(path);
        if (r != null) {
            resource(ex, r);
        } else if (path.equals("/api/folders")) {
            json(ex, Json.write(Json.object("roots", roots.roots().stream().map(Path::toString).toList(), "folders", ResultsIndex.scan(roots))));
        } else if (path.equals("/api/folder")) {
            folder(ex, first(query, "id"));
        } else if (path.equals("/api/metrics")) {
            metrics(ex, first(query, "id"));
        } else if (path.equals("/api/events")) {
            events(ex, query.getOrDefault("id", List.of()),
                    Optional.ofNullable(ex.getRequestHeaders().getFirst("Last-Event-ID")).orElse(first(query, "cursor")));
        } else if (path.startsWith("/files/")) {
            file(ex, path.substring("/files/".length()));
        } else {
            notFound(ex);
        }
    }

    private static void answerIfNothingSent(HttpExchange ex, int status, String text) {
        if (ex.getResponseCode() == -1) {
            try {
                text(ex, status, text);
            } catch (IOException gone) {
                // the page went away
            }
        }
    }

    private boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String port = ":" + port();
        return host.equals("127.0.0.1" + port) || host.equals("localhost" + port) || host.equals("[::1]" + port)
                || host.equals(http.getAddress().getAddress().getHostAddress() + port);
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        return v == null ? null : v.getFirst();
    }

    /** {@code a=1&b=2&a=3}, strictly percent-decoded; a parameter that does not decode is left out. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = SafePaths.decode(eq < 0 ? part : part.substring(0, eq)), v = SafePaths.decode(eq < 0 ? "" : part.substring(eq + 1));
            if (k != null && v != null) {
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return out;
    }

    /** The results folder {@code id} names, if it is one. */
    private Optional<Path> resultsFolder(String id) throws IOException {
        if (id == null) {
            return Optional.empty();
        }
        Optional<Path> dir = roots.folder(id);
        return dir.isPresent() && ResultsIndex.kind(dir.get()) != null ? dir : Optional.empty();
    }

    private void folder(HttpExchange ex, String id) throws IOException {
        Optional<Path> dir = resultsFolder(id);
        if (dir.isEmpty()) {
            notFound(ex);
            return;
        }
        Path d = dir.get();
        int root = rootOf(d);
        Optional<ResultsIndex.Entry> found = ResultsIndex.entry(roots, root, d, System.currentTimeMillis());
        if (found.isEmpty()) {
            notFound(ex);
            return;
        }
        ResultsIndex.Entry e = found.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folder", e);
        out.put("pictures", ResultsIndex.pictures(d));
        List<String> files = new ArrayList<>();
        for (String f : List.of("report.html", "summary.json", "study.yaml", "sweep.yaml", "trials.csv", "reruns.csv", "metrics.csv")) {
            if (Files.isRegularFile(d.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                files.add(f);
            }
        }
        out.put("files", files);
        if (e.kind().equals(ResultsIndex.SWEEP)) {
            out.put("trials", CsvTail.completeLines(d.resolve("trials.csv")));
        }
        json(ex, Json.write(out));
    }

    private int rootOf(Path d) {
        for (int r = 0; r < roots.roots().size(); r++) {
            if (d.startsWith(roots.roots().get(r))) {
                return r;
            }
        }
        throw new IllegalStateException(d + " is in no root");
    }

    private FolderSeries seriesOf(Path dir) {
        return series.computeIfAbsent(dir, d -> new FolderSeries(d, throttleMillis));
    }

    private void metrics(HttpExchange ex, String id) throws IOException {
        Optional<Path> dir = resultsFolder(id);
        if (dir.isEmpty()) {
            notFound(ex);
            return;
        }
        FolderSeries s = seriesOf(dir.get());
        s.refresh();
        json(ex, FolderSeries.json(s.delta(Cursor.empty())));
    }

    /**
     * One event stream for the folders {@code ids} (a page comparing several needs one connection, not one each: a
     * browser opens at most six to a server). Each folder's series keys are prefixed by the folder's place in
     * {@code ids} in the cursor; the browser reconnects to the same address, so the places stay the same.
     */
    private void events(HttpExchange ex, List<String> ids, String lastEventId) throws IOException {
        if (ids.isEmpty() || ids.size() > MAX_STREAMED) {
            notFound(ex);
            return;
        }
        List<Path> dirs = new ArrayList<>();
        for (String id : ids) {
            Optional<Path> dir = resultsFolder(id);
            if (dir.isEmpty()) {
                notFound(ex);
                return;
            }
            dirs.add(dir.get());
        }
        Cursor cursor = Cursor.parse(lastEventId);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        long lastWrite = System.nanoTime();
        long[] signatures = new long[dirs.size()];
        for (int i = 0; i < dirs.size(); i++) {
            signatures[i] = signature(dirs.get(i));
        }
        try {
            while (!stopping) {
                StringBuilder rows = new StringBuilder(), event = new StringBuilder();
                for (int i = 0; i < dirs.size(); i++) {
                    FolderSeries s = seriesOf(dirs.get(i));
                    s.refresh();
                    String prefix = i + ":";
                    List<FolderSeries.Delta> d = s.delta(cursor.within(prefix));
                    if (!d.isEmpty()) {
                        cursor = cursor.with(prefix, FolderSeries.advance(cursor.within(prefix), d));
                        String series = FolderSeries.json(d);
                        rows.append(rows.isEmpty() ? "" : ",").append("{\"id\":").append(Json.write(ids.get(i))).append(',').append(series, 1, series.length());
                    }
                    long now = signature(dirs.get(i));
                    if (now != signatures[i]) {
                        signatures[i] = now;
                        event.append("event: folder\ndata: ").append(Json.write(Json.object("id", ids.get(i)))).append("\n\n");
                    }
                }
                if (!rows.isEmpty()) {
                    event.insert(0, "id: " + cursor.text() + "\nevent: rows\ndata: {\"folders\":[" + rows + "]}\n\n");
                }
                if (event.isEmpty() && System.nanoTime() - lastWrite > KEEPALIVE_MILLIS * 1_000_000) {
                    event.append(": keep-alive\n\n"); // also how a page that went away is noticed
                }
                if (!event.isEmpty()) {
                    out.write(event.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                Thread.sleep(throttleMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Changes when a folder-level file changes (a sweep's trials.csv, the summary, a new picture). */
    private static long signature(Path dir) {
        long sig = 17;
        for (String f : List.of("trials.csv", "reruns.csv", "summary.json", "plots", ".")) {
            try {
                sig = sig * 31 + Files.getLastModifiedTime(dir.resolve(f), LinkOption.NOFOLLOW_LINKS).toMillis();
            } catch (IOException e) {
                sig = sig * 31;
            }
        }
        return sig;
    }

    private void file(HttpExchange ex, String rawId) throws IOException {
        Optional<Path> f = roots.file(rawId);
        if (f.isEmpty() || !ResultsIndex.SERVED.contains(ResultsIndex.extension(f.get()))) {
            notFound(ex);
            return;
        }
        String ext = ResultsIndex.extension(f.get());
        String type = switch (ext) {
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "svg" -> "image/svg+xml";
            case "json" -> "application/json";
            case "html" -> "text/html; charset=utf-8";
            case "csv" -> "text/csv; charset=utf-8";
            default -> "text/plain; charset=utf-8";
        };
        ex.getResponseHeaders().set("Content-Security-Policy", FILE_CSP);
        byte[] body;
        try {
            body = Files.readAllBytes(f.get());
        } catch (IOException gone) {
            notFound(ex);
            return;
        }
        send(ex, 200, type, body);
    }

    private void resource(HttpExchange ex, Resource r) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(r.classpath())) {
            if (in == null) {
                notFound(ex);
                return;
            }
            send(ex, 200, r.type(), in.readAllBytes());
        }
    }

    private static void json(HttpExchange ex, String body) throws IOException {
        send(ex, 200, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void notFound(HttpExchange ex) throws IOException {
        text(ex, 404, "not found");
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", (body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }
}
