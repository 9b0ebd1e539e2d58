package dev.descent.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.study.MetricsCsv;
import dev.descent.study.RunResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint over real HTTP, and every way of asking for a file outside the served folder. */
class DashboardServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    Path results;
    DashboardServer server;
    int port;

    @BeforeEach
    void start() throws IOException {
        results = Fixture.build(root);
        server = DashboardServer.start(SafePaths.of(List.of(results)), "127.0.0.1", 0, 50);
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static JsonNode json(Http.Answer a) throws IOException {
        assertEquals(200, a.status(), a.head());
        assertTrue(a.header("Content-Type").startsWith("application/json"), a.head());
        return JSON.readTree(a.body());
    }

    @Test
    void folders_listsEveryKindAndNothingOutsideTheRoot() throws IOException {
        JsonNode folders = json(Http.get(port, "/api/folders")).get("folders");
        Map<String, String> kinds = new TreeMap<>();
        for (JsonNode f : folders) {
            kinds.put(f.get("id").asText(), f.get("kind").asText());
        }
        // linked/ is a symlink to a study outside the root: not followed
        assertEquals(Map.of("0/s1", "study", "0/group/sw", "sweep", "0/ls", "landscape"), kinds);
        for (JsonNode f : folders) {
            if (f.get("id").asText().equals("0/s1")) {
                assertEquals(4, f.get("runs").asInt());
                assertEquals("finished", f.get("status").asText());
            }
        }
    }

    @Test
    void folder_describesPicturesFilesAndTrials() throws IOException {
        JsonNode s1 = json(Http.get(port, "/api/folder?id=0/s1"));
        assertEquals("study", s1.get("folder").get("kind").asText());
        assertEquals("[\"plots/loss.png\"]", s1.get("pictures").toString(), "a symlink is not listed");
        assertTrue(s1.get("files").toString().contains("report.html"));
        JsonNode sw = json(Http.get(port, "/api/folder?id=0%2Fgroup%2Fsw"));
        JsonNode trials = sw.get("trials");
        assertEquals(5, trials.size());
        assertEquals("metric", trials.get(0).get(7).asText());
        assertEquals("0.7", trials.get(2).get(7).asText());
        JsonNode ls = json(Http.get(port, "/api/folder?id=0/ls"));
        assertEquals("[\"rosenbrock-contour.png\",\"rosenbrock-paths.gif\"]", ls.get("pictures").toString());
    }

    @Test
    void metrics_givesEveryRowOfEveryRun() throws IOException {
        JsonNode series = json(Http.get(port, "/api/metrics?id=0/s1")).get("series");
        assertEquals(4, series.size());
        JsonNode adam2 = series.get(1);
        assertEquals("adam__seed2", adam2.get("key").asText());
        assertEquals("adam", adam2.get("group").asText());
        assertEquals(2, adam2.get("seed").asInt());
        List<String> columns = new ArrayList<>();
        adam2.get("columns").forEach(c -> columns.add(c.asText()));
        assertEquals(List.of("seed", "step", "loss", "lr", "grad_norm", "seconds", "test_loss", "test_accuracy"), columns);
        JsonNode rows = adam2.get("rows");
        assertEquals(3, rows.size());
        for (int t = 1; t <= 3; t++) {
            assertEquals(t, rows.get(t - 1).get(1).asInt());
            assertEquals(Fixture.loss(2, t), rows.get(t - 1).get(2).asDouble(), 0);
        }
        assertTrue(rows.get(0).get(7).isNull(), "no evaluation at step 1: null, not 0");
        assertEquals(0.75, rows.get(2).get(7).asDouble(), 0);

        JsonNode trial = json(Http.get(port, "/api/metrics?id=0/group/sw")).get("series").get(0);
        assertEquals("p__adam__t0", trial.get("group").asText());
        assertEquals(0.5, trial.get("rows").get(1).get(6).asDouble(), 0);
    }

    @Test
    void metrics_readWhatTheStudyWriterWrites() throws IOException {
        List<RunResult.Row> rows = List.of(new RunResult.Row(1, 2.5, 0.1, 3.25, 0.01, Double.NaN, Double.NaN),
                new RunResult.Row(2, 1.0 / 3, 0.05, 1e-7, 0.02, 0.4, 0.875));
        RunResult run = new RunResult("nadam(b=1)", 3, rows, 0.875, 0.4, false, -1, 0.02);
        Path dir = results.resolve("written");
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("study.yaml"), "name: written\n");
        Files.writeString(dir.resolve("runs/nadam(b=1)__seed3.csv"), MetricsCsv.format(List.of(run)));
        JsonNode s = json(Http.get(port, "/api/metrics?id=0/written")).get("series").get(0);
        assertEquals("nadam(b=1)", s.get("group").asText());
        assertEquals(3, s.get("seed").asInt());
        JsonNode r = s.get("rows");
        assertEquals("[3,1,2.5,0.1,3.25,0.01,null,null]", r.get(0).toString());
        assertEquals(1.0 / 3, r.get(1).get(2).asDouble(), 0);
        assertEquals(1e-7, r.get(1).get(4).asDouble(), 0);
        assertEquals(0.875, r.get(1).get(7).asDouble(), 0);
    }

    @Test
    void files_servesPicturesAndReportWithAPolicy() throws IOException {
        Http.Answer png = Http.get(port, "/files/0/s1/plots/loss.png");
        assertEquals(200, png.status());
        assertEquals("image/png", png.header("Content-Type"));
        assertArrayEquals(Fixture.PNG, png.body());
        Http.Answer html = Http.get(port, "/files/0/s1/report.html");
        assertEquals(200, html.status());
        String policy = html.header("Content-Security-Policy");
        assertTrue(policy.contains("sandbox allow-scripts"), policy);
        // the interactive report's one script runs (named by its hash); no other script, none inline, none from elsewhere
        assertTrue(policy.contains("script-src " + dev.descent.report.Interactive.SCRIPT_SOURCE + ";"), policy);
        assertFalse(policy.contains("unsafe-inline'; sandbox") || policy.contains("script-src 'unsafe"), policy);
        assertFalse(policy.contains("allow-same-origin"), policy);
    }

    @Test
    void page_andItsScriptsComeFromTheJarWithAStrictPolicy() throws IOException {
        Http.Answer page = Http.get(port, "/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("http"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        Http.Answer uplot = Http.get(port, "/static/uPlot.iife.min.js");
        assertEquals(200, uplot.status());
        assertTrue(uplot.text().contains("uPlot"));
        for (String s : List.of("/static/app.js", "/static/app.css", "/static/uPlot.min.css")) {
            assertEquals(200, Http.get(port, s).status(), s);
        }
    }

    @Test
    void traversal_andEverythingElseOutsideTheFolders_isNotFound() throws IOException {
        List<String> attempts = List.of(
                "/files/0/../secret.txt", "/files/0/%2e%2e/secret.txt", "/files/0/%2E%2E/secret.txt", "/files/0/s1/%2e%2e/%2e%2e/secret.txt",
                "/files/0/s1/..%2f..%2fsecret.txt", "/files/0/s1/..%5c..%5csecret.txt", "/files/0%2f..%2fsecret.txt",
                "/files/%2e%2e/secret.txt", "/files//etc/passwd", "/files/0//etc/passwd", "/files/%2fetc%2fpasswd", "/files/0/%2fetc%2fpasswd",
                "/files/0/s1/plots/leak.png", "/files/0/linked/plot.png", "/files/0/linked/study.yaml",
                "/files/0/s1", "/files/0/s1/", "/files/0", "/files/0/", "/files/", "/files/0/s1/.lock", "/files/0/s1/runs/%2elock",
                "/files/1/secret.txt", "/files/0/s1/plots/loss.png%00.txt", "/files/0/s1/%c0%ae%c0%ae/secret.txt",
                "/files/0/s1/runs", "/api/metrics?id=0/..", "/api/metrics?id=0/%2e%2e", "/api/metrics?id=/etc", "/api/metrics?id=0/linked",
                "/api/folder?id=0/s1/..", "/api/folder?id=0/s1/runs", "/api/events?id=0/..", "/api/metrics", "/static/", "/static/../pom.xml",
                "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/dev/descent/serve/app.js", "/nothing");
        for (String a : attempts) {
            Http.Answer r = Http.get(port, a);
            assertEquals(404, r.status(), a + " answered " + r.head());
            assertFalse(r.text().contains("secret") || r.text().contains("outside"), a);
        }
        // a malformed target never reaches the handler: the JDK's server answers 400 itself
        assertEquals(400, Http.get(port, "/files/0/s1/%").status());
    }

    @Test
    void aStudyFolderServedDirectly_isItsOwnRoot() throws IOException {
        try (DashboardServer s = DashboardServer.start(SafePaths.of(List.of(results.resolve("s1"))), "127.0.0.1", 0, 50)) {
            JsonNode folders = json(Http.get(s.port(), "/api/folders")).get("folders");
            assertEquals(1, folders.size());
            assertEquals("0", folders.get(0).get("id").asText());
            assertEquals("s1", folders.get(0).get("name").asText());
            assertEquals(4, json(Http.get(s.port(), "/api/metrics?id=0")).get("series").size());
            assertEquals(200, Http.get(s.port(), "/files/0/plots/loss.png").status());
            assertEquals(404, Http.get(s.port(), "/files/0/../ls/rosenbrock-contour.png").status());
        }
    }

    @Test
    void events_forAnyFolderThatIsNotOne_isNotFound() throws IOException {
        assertEquals(404, Http.get(port, "/api/events?id=0/s1&id=0/..").status());
        assertEquals(404, Http.get(port, "/api/events?id=0/s1&id=0/s1/runs").status());
        assertEquals(404, Http.get(port, "/api/events").status());
    }

    @Test
    void writes_areRefusedAndChangeNothing() throws IOException {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            Http.Answer r = Http.request(port, method, "/files/0/s1/plots/loss.png", "127.0.0.1:" + port);
            assertEquals(405, r.status(), method);
            assertEquals("GET", r.header("Allow"));
        }
        assertArrayEquals(Fixture.PNG, Files.readAllBytes(results.resolve("s1/plots/loss.png")));
    }

    @Test
    void foreignHost_isRefused() throws IOException {
        assertEquals(403, Http.request(port, "GET", "/api/folders", "evil.example:" + port).status());
        assertEquals(200, Http.request(port, "GET", "/api/folders", "localhost:" + port).status());
    }

    @Test
    void index_ofHundredsOfRuns_isMeasured(@TempDir Path many) throws IOException {
        int folders = 300;
        for (int i = 0; i < folders; i++) {
            Fixture.study(many.resolve("study-" + i), 100, "adam", "sgd");
        }
        try (DashboardServer s = DashboardServer.start(SafePaths.of(List.of(many)), "127.0.0.1", 0, 50)) {
            json(Http.get(s.port(), "/api/folders")); // warm-up
            long best = Long.MAX_VALUE;
            JsonNode last = null;
            for (int k = 0; k < 5; k++) {
                long t0 = System.nanoTime();
                last = json(Http.get(s.port(), "/api/folders"));
                best = Math.min(best, System.nanoTime() - t0);
            }
            assertNotNull(last);
            assertEquals(folders, last.get("folders").size());
            System.out.printf("descent serve: /api/folders over %d studies (%d runs) answered in %.1f ms (best of 5)%n",
                    folders, folders * 4, best / 1e6);
        }
    }
}
