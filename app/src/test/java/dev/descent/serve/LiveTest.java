package dev.descent.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.study.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A folder written while it is served: server-sent events, Last-Event-ID, and no torn reads. */
class LiveTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One server-sent event. */
    record Event(String id, String type, String data) {
    }

    /** Reads an event stream on a thread of its own, so a test can wait for the next event with a timeout. */
    static final class Stream implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final java.util.stream.Stream<String> lines;
        final Thread reader;

        Stream(int port, String id, String lastEventId) throws IOException, InterruptedException {
            this(port, List.of(id), lastEventId);
        }

        Stream(int port, List<String> ids, String lastEventId) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events?id="
                    + String.join("&id=", ids)));
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            lines = r.body();
            reader = Thread.ofVirtual().start(() -> {
                String evId = null, type = "message";
                StringBuilder data = new StringBuilder();
                try {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.isEmpty()) {
                            if (!data.isEmpty()) {
                                events.add(new Event(evId, type, data.toString()));
                            }
                            evId = null;
                            type = "message";
                            data.setLength(0);
                        } else if (line.startsWith("id: ")) {
                            evId = line.substring(4);
                        } else if (line.startsWith("event: ")) {
                            type = line.substring(7);
                        } else if (line.startsWith("data: ")) {
                            data.append(line.substring(6));
                        }
                    }
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
        }

        /** The next rows event (folder events skipped), or null within {@code millis}. */
        Event next(long millis) throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000;
            while (true) {
                Event e = events.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null || e.type().equals("rows")) {
                    return e;
                }
            }
        }

        @Override
        public void close() {
            lines.close();
            reader.interrupt();
        }
    }

    /** The series {@code key} of any folder in event {@code e}, or null. */
    static JsonNode series(Event e, String key) throws IOException {
        return series(e, null, key);
    }

    /** The series {@code key} of folder {@code folder} (null: any) in event {@code e}, or null. */
    static JsonNode series(Event e, String folder, String key) throws IOException {
        for (JsonNode f : JSON.readTree(e.data()).get("folders")) {
            if (folder != null && !f.get("id").asText().equals(folder)) {
                continue;
            }
            for (JsonNode s : f.get("series")) {
                if (s.get("key").asText().equals(key)) {
                    return s;
                }
            }
        }
        return null;
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void events_sendNewCompleteRowsAndResumeFromLastEventId(@TempDir Path root) throws Exception {
        Path dir = root.resolve("live-study");
        Fixture.study(dir, 3, "adam");
        Path run = dir.resolve("runs/adam__seed1.csv");
        try (DashboardServer server = DashboardServer.start(SafePaths.of(List.of(root)), "127.0.0.1", 0, 30)) {
            String firstId;
            try (Stream s = new Stream(server.port(), "0/live-study", null)) {
                Event first = s.next(5000);
                assertNotNull(first, "the first event holds what is there");
                assertEquals(3, series(first, "adam__seed1").get("rows").size());
                assertEquals(3, series(first, "adam__seed2").get("rows").size());
                firstId = first.id();

                String row5 = Fixture.studyRow("adam", 1, 5);
                append(run, Fixture.studyRow("adam", 1, 4) + row5.substring(0, 7)); // step 5 half written
                Event second = s.next(5000);
                assertNotNull(second);
                JsonNode a = series(second, "adam__seed1");
                assertEquals(3, a.get("from").asInt());
                assertEquals(1, a.get("rows").size(), "only the complete line: " + a);
                assertEquals(4, a.get("rows").get(0).get(1).asInt());
                assertNull(series(second, "adam__seed2"), "an unchanged run is not sent again");
                assertNull(s.next(300), "nothing new, no event");

                append(run, row5.substring(7));
                Event third = s.next(5000);
                JsonNode b = series(third, "adam__seed1");
                assertEquals(4, b.get("from").asInt());
                assertEquals(5, b.get("rows").get(0).get(1).asInt());
                assertEquals(Fixture.loss(1, 5), b.get("rows").get(0).get(2).asDouble(), 0);
            }
            // the page reconnects with the id of the first event: it gets steps 4 and 5, once each, and nothing else
            try (Stream s = new Stream(server.port(), "0/live-study", firstId)) {
                Event again = s.next(5000);
                assertNotNull(again);
                JsonNode a = series(again, "adam__seed1");
                assertEquals(3, a.get("from").asInt());
                assertEquals(2, a.get("rows").size());
                assertEquals(4, a.get("rows").get(0).get(1).asInt());
                assertEquals(5, a.get("rows").get(1).get(1).asInt());
                assertNull(series(again, "adam__seed2"));
            }
            // a run redone from scratch (a resume replaced its file) is sent again from row 0
            Files.writeString(run, RunResult.CSV_HEADER + "\n" + Fixture.studyRow("adam", 7, 1));
            try (Stream s = new Stream(server.port(), "0/live-study", firstId)) {
                // the stream's first look may be up to one throttle interval old (steps 4 and 5 again); the reset follows
                JsonNode a = series(s.next(5000), "adam__seed1");
                if (!a.get("reset").asBoolean()) {
                    assertEquals(3, a.get("from").asInt());
                    a = series(s.next(5000), "adam__seed1");
                }
                assertTrue(a.get("reset").asBoolean());
                assertEquals(0, a.get("from").asInt());
                assertEquals(1, a.get("rows").size());
            }
        }
    }

    @Test
    void oneStream_followsSeveralFolders_andTheirCursorsApart(@TempDir Path root) throws Exception {
        Fixture.study(root.resolve("a"), 2, "adam");
        Fixture.study(root.resolve("b"), 3, "adam"); // the same run names in both folders
        try (DashboardServer server = DashboardServer.start(SafePaths.of(List.of(root)), "127.0.0.1", 0, 30)) {
            String id;
            try (Stream s = new Stream(server.port(), List.of("0/a", "0/b"), null)) {
                Event first = s.next(5000);
                assertEquals(2, series(first, "0/a", "adam__seed1").get("rows").size());
                assertEquals(3, series(first, "0/b", "adam__seed1").get("rows").size());
                id = first.id();
            }
            append(root.resolve("b/runs/adam__seed1.csv"), Fixture.studyRow("adam", 1, 4));
            try (Stream s = new Stream(server.port(), List.of("0/a", "0/b"), id)) {
                Event next = s.next(5000);
                assertNull(series(next, "0/a", "adam__seed1"));
                JsonNode b = series(next, "0/b", "adam__seed1");
                assertEquals(3, b.get("from").asInt());
                assertEquals(1, b.get("rows").size());
            }
        }
    }

    @Test
    void aRunsLiveFile_isFollowedUntilItsFinishedFileTakesOver(@TempDir Path root) throws Exception {
        Path dir = root.resolve("st");
        Fixture.study(dir, 2, "adam");
        Files.createDirectories(dir.resolve("live"));
        Path live = dir.resolve("live/sgd__seed1.csv");
        StringBuilder rows = new StringBuilder(RunResult.CSV_HEADER).append('\n');
        for (int t = 1; t <= 4; t++) {
            rows.append(Fixture.studyRow("sgd", 1, t));
        }
        Files.writeString(live, rows.substring(0, rows.length() - 5)); // the 4th row not yet complete
        try (DashboardServer server = DashboardServer.start(SafePaths.of(List.of(root)), "127.0.0.1", 0, 30);
             Stream s = new Stream(server.port(), "0/st", null)) {
            JsonNode sgd = series(s.next(5000), "sgd__seed1");
            assertEquals(3, sgd.get("rows").size());
            // the run finishes: its CSV lands in runs/ (atomically) and the live file goes
            rows.append(Fixture.studyRow("sgd", 1, 5));
            Files.writeString(dir.resolve("runs/.sgd__seed1.csv.tmp"), rows);
            Files.move(dir.resolve("runs/.sgd__seed1.csv.tmp"), dir.resolve("runs/sgd__seed1.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.delete(live);
            JsonNode done = series(s.next(5000), "sgd__seed1");
            assertEquals(false, done.get("reset").asBoolean(), "the finished file extends the live one: no reset");
            assertEquals(3, done.get("from").asInt());
            assertEquals(2, done.get("rows").size());
            assertEquals(5, done.get("rows").get(1).get(1).asInt());
        }
    }

    @Test
    void aFileBeingWritten_isNeverServedTorn(@TempDir Path root) throws Exception {
        Path dir = root.resolve("growing");
        Fixture.study(dir, 1, "adam");
        Path run = dir.resolve("runs/adam__seed1.csv");
        int steps = 3000;
        StringBuilder all = new StringBuilder();
        for (int t = 2; t <= steps; t++) {
            all.append(Fixture.studyRow("adam", 1, t));
        }
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            Random random = new Random(42);
            try (OutputStream out = Files.newOutputStream(run, StandardOpenOption.APPEND)) {
                for (int at = 0; at < bytes.length; ) {
                    int n = Math.min(bytes.length - at, 1 + random.nextInt(97)); // cuts lines anywhere, numbers too
                    out.write(bytes, at, n);
                    out.flush();
                    at += n;
                    if (random.nextInt(3) == 0) {
                        Thread.sleep(1);
                    }
                }
            } catch (Exception e) {
                failed.set(e);
            }
        });
        try (DashboardServer server = DashboardServer.start(SafePaths.of(List.of(root)), "127.0.0.1", 0, 0)) {
            int reads = 0, seen = 0;
            while (writer.isAlive() || seen < steps) {
                JsonNode series = JSON.readTree(Http.get(server.port(), "/api/metrics?id=0/growing").body()).get("series");
                JsonNode rows = series.get(0).get("rows");
                assertTrue(rows.size() >= seen, "rows never go away");
                for (int i = 0; i < rows.size(); i++) {
                    JsonNode r = rows.get(i);
                    assertEquals(8, r.size());
                    assertEquals(i + 1, r.get(1).asInt(), "read " + reads);
                    assertEquals(Fixture.loss(1, i + 1), r.get(2).asDouble(), 0, "step " + (i + 1) + " in read " + reads);
                    assertEquals((i + 1) * 0.25, r.get(5).asDouble(), 0);
                    assertEquals((i + 1) % 3 == 0 ? 0.75 : Double.NaN, r.get(7).isNull() ? Double.NaN : r.get(7).asDouble(), 0);
                }
                seen = rows.size();
                reads++;
                if (!writer.isAlive() && seen < steps && reads > 100_000) {
                    break;
                }
            }
            writer.join();
            assertNull(failed.get());
            assertEquals(steps, seen);
            System.out.println("descent serve: " + reads + " reads of a growing file, none torn");
        }
    }
}
