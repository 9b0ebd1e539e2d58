package dev.descent.data;

import static dev.descent.data.IdxFixtures.gzip;
import static dev.descent.data.IdxFixtures.images;
import static dev.descent.data.IdxFixtures.labels;
import static dev.descent.data.IdxFixtures.writeDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path tmp;

    private final List<String> messages = new ArrayList<>();

    private Path home() {
        return tmp.resolve("home");
    }

    private Path debian() {
        return tmp.resolve("debian");
    }

    private Datasets datasets(Map<String, String> env) {
        return new Datasets(env, home(), debian(), null);
    }

    private Dataset.Split load(Datasets d, String name, Path dataDir) throws DataException {
        return d.load(name, dataDir, messages::add, Progress.none());
    }

    private Path cache(String name) {
        return home().resolve(".cache/descent/datasets").resolve(name);
    }

    // ---- local lookup ----

    @Test
    void load_unknownNameListsKnownNames() {
        DataException e = assertThrows(DataException.class, () -> load(datasets(Map.of()), "cifar", null));
        assertTrue(e.getMessage().contains("unknown dataset \"cifar\""), e.getMessage());
        assertTrue(e.getMessage().contains("fashion-mnist, mnist"), e.getMessage());
    }

    @Test
    void load_dataDirSubfolderComesFirst() throws Exception {
        writeDataset(tmp.resolve("dir/mnist"), 1, true);
        writeDataset(tmp.resolve("env/mnist"), 2, true);
        writeDataset(cache("mnist"), 3, true);
        Dataset.Split s = load(datasets(Map.of("DESCENT_DATA", tmp.resolve("env").toString())), "mnist", tmp.resolve("dir"));
        assertEquals(1, s.train().count());
        assertEquals(3, s.test().count());
        assertTrue(messages.getFirst().contains(tmp.resolve("dir/mnist").toString()), messages.toString());
    }

    @Test
    void load_dataDirHoldingTheFilesDirectly() throws Exception {
        writeDataset(tmp.resolve("flat"), 4, true);
        writeDataset(cache("mnist"), 3, true);
        assertEquals(4, load(datasets(Map.of()), "mnist", tmp.resolve("flat")).train().count());
    }

    @Test
    void load_environmentWhenNoDataDir() throws Exception {
        writeDataset(tmp.resolve("env/mnist"), 2, true);
        writeDataset(cache("mnist"), 3, true);
        assertEquals(2, load(datasets(Map.of("DESCENT_DATA", tmp.resolve("env").toString())), "mnist", null).train().count());
    }

    @Test
    void load_environmentFolderHoldingTheFilesDirectly() throws Exception {
        writeDataset(tmp.resolve("env"), 5, false);
        assertEquals(5, load(datasets(Map.of("DESCENT_DATA", tmp.resolve("env").toString())), "mnist", null).train().count());
    }

    @Test
    void load_cacheWhenNothingElse() throws Exception {
        writeDataset(cache("mnist"), 3, true);
        writeDataset(debian().resolve("fashion-mnist"), 4, true);
        assertEquals(3, load(datasets(Map.of("DESCENT_DATA", "")), "mnist", null).train().count());
    }

    @Test
    void load_debianFolderForFashionMnistOnly() throws Exception {
        writeDataset(debian().resolve("fashion-mnist"), 6, true);
        writeDataset(debian().resolve("mnist"), 6, true);
        assertEquals(6, load(datasets(Map.of()), "fashion-mnist", null).train().count());
        DataException e = assertThrows(DataException.class, () -> load(datasets(Map.of()), "mnist", null));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void load_cacheComesBeforeDebian() throws Exception {
        writeDataset(cache("fashion-mnist"), 3, true);
        writeDataset(debian().resolve("fashion-mnist"), 6, true);
        assertEquals(3, load(datasets(Map.of()), "fashion-mnist", null).train().count());
    }

    @Test
    void load_rawFilesWithoutGzSuffix() throws Exception {
        writeDataset(tmp.resolve("dir/mnist"), 7, false);
        Dataset.Split s = load(datasets(Map.of()), "mnist", tmp.resolve("dir"));
        assertEquals(7, s.train().count());
        assertEquals(9, s.test().labels()[0]);
    }

    @Test
    void load_incompleteFolderIsSkippedAndReported() throws Exception {
        writeDataset(tmp.resolve("dir/mnist"), 1, true);
        Files.delete(tmp.resolve("dir/mnist/t10k-labels-idx1-ubyte.gz"));
        writeDataset(tmp.resolve("env/mnist"), 2, true);
        assertEquals(2, load(datasets(Map.of("DESCENT_DATA", tmp.resolve("env").toString())), "mnist", tmp.resolve("dir"))
                .train().count());
        Files.delete(tmp.resolve("env/mnist/train-images-idx3-ubyte.gz"));
        DataException e = assertThrows(DataException.class,
                () -> load(datasets(Map.of("DESCENT_DATA", tmp.resolve("env").toString())), "mnist", tmp.resolve("dir")));
        assertTrue(e.getMessage().contains(tmp.resolve("dir/mnist") + " (missing t10k-labels-idx1-ubyte.gz)"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("env/mnist") + " (missing train-images-idx3-ubyte.gz)"), e.getMessage());
    }

    @Test
    void load_malformedFileIsReportedNotSkipped() throws Exception {
        writeDataset(tmp.resolve("dir/mnist"), 1, true);
        Path bad = IdxFixtures.write(tmp.resolve("dir/mnist/t10k-labels-idx1-ubyte.gz"), labels(1, 2, 10));
        writeDataset(cache("mnist"), 3, true);
        DataException e = assertThrows(DataException.class, () -> load(datasets(Map.of()), "mnist", tmp.resolve("dir")));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void load_wrongImageSizeIsReported() throws Exception {
        writeDataset(tmp.resolve("dir/mnist"), 1, true);
        Path bad = IdxFixtures.write(tmp.resolve("dir/mnist/train-images-idx3-ubyte.gz"), gzip(images(1, 32, 32, 0)));
        DataException e = assertThrows(DataException.class, () -> load(datasets(Map.of()), "mnist", tmp.resolve("dir")));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("must be 28x28"), e.getMessage());
    }

    @Test
    void load_nothingFoundSaysWhereItLookedAndWhatToDo() {
        Datasets d = datasets(Map.of("DESCENT_DATA", tmp.resolve("env").toString()));
        DataException e = assertThrows(DataException.class, () -> load(d, "fashion-mnist", tmp.resolve("dir")));
        String m = e.getMessage();
        for (Path p : List.of(tmp.resolve("dir/fashion-mnist"), tmp.resolve("dir"), tmp.resolve("env/fashion-mnist"),
                tmp.resolve("env"), cache("fashion-mnist"), debian().resolve("fashion-mnist"))) {
            assertTrue(m.contains("    " + p + " ("), "should list " + p + ": " + m);
        }
        for (String hint : List.of("--data-dir", "DESCENT_DATA", "apt-get install dataset-fashion-mnist",
                "train-images-idx3-ubyte.gz", "Downloading is switched off")) {
            assertTrue(m.contains(hint), "should mention " + hint + ": " + m);
        }
        DataException mnist = assertThrows(DataException.class, () -> load(d, "mnist", null));
        assertTrue(!mnist.getMessage().contains("apt-get"), "no Debian package for MNIST: " + mnist.getMessage());
    }

    @Test
    void load_flatFolderOfAnotherDatasetIsNotTakenForThisOne() throws Exception {
        Path debianFashion = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(debianFashion),
                "needs the Debian package dataset-fashion-mnist for real label bytes");
        Path flat = tmp.resolve("flat");
        writeDataset(flat, 1, true);
        Files.copy(debianFashion.resolve("train-labels-idx1-ubyte.gz"), flat.resolve("train-labels-idx1-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DataException e = assertThrows(DataException.class, () -> load(datasets(Map.of()), "mnist", flat));
        assertTrue(e.getMessage().contains(flat + " (holds fashion-mnist, not mnist)"), e.getMessage());
    }

    // ---- downloads, with a fake network ----

    private static final String M1 = "https://one.example/tiny/", M2 = "https://two.example/tiny/";

    /** Serves per-URL bytes, or fails for URLs it has none for; records every request. */
    private static final class FakeFetcher implements Fetcher {
        final Map<String, byte[]> served = new HashMap<>();
        final List<String> requests = new ArrayList<>();
        final Set<String> dieHalfway = new java.util.HashSet<>();

        @Override
        public void fetch(URI source, String name, java.io.OutputStream sink, Progress progress) throws IOException {
            requests.add(source.toString());
            byte[] b = served.get(source.toString());
            if (b == null) {
                throw new IOException("connection refused");
            }
            if (dieHalfway.contains(source.toString())) {
                sink.write(b, 0, b.length / 2);
                throw new IOException("connection reset");
            }
            sink.write(b);
            progress.update(name, b.length, b.length);
        }
    }

    /** The four gzipped files of a tiny 28x28 dataset, by file name. */
    private static Map<String, byte[]> tinyFiles() {
        return Map.of(Datasets.FILES.get(0), gzip(images(4, 28, 28, 1)), Datasets.FILES.get(1), gzip(labels(1, 2, 3, 4)),
                Datasets.FILES.get(2), gzip(images(2, 28, 28, 5)), Datasets.FILES.get(3), gzip(labels(8, 9)));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Datasets withTinyCatalog(Fetcher fetcher) throws Exception {
        Map<String, Set<String>> hashes = new HashMap<>();
        for (var f : tinyFiles().entrySet()) {
            hashes.put(f.getKey(), Set.of(sha256(f.getValue())));
        }
        var entry = new Datasets.Entry("tiny", null, List.of(M1, M2), hashes);
        return new Datasets(Map.of("tiny", entry), Map.of(), home(), debian(), fetcher);
    }

    private List<Path> cacheContents() throws IOException {
        Path dir = cache("tiny");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private List<Path> expectedCache() {
        return Datasets.FILES.stream().map(cache("tiny")::resolve).sorted().toList();
    }

    @Test
    void download_intoCacheWhenNotFoundLocally() throws Exception {
        FakeFetcher net = new FakeFetcher();
        tinyFiles().forEach((f, b) -> net.served.put(M1 + f, b));
        List<String> progress = new ArrayList<>();
        Dataset.Split s = withTinyCatalog(net).load("tiny", null, messages::add,
                (file, done, total) -> progress.add(file + " " + done + "/" + total));
        assertEquals(4, s.train().count());
        assertEquals(2, s.test().count());
        assertEquals(4, net.requests.size());
        assertEquals(expectedCache(), cacheContents(), "the four files and no temporary files");
        assertTrue(messages.stream().anyMatch(m -> m.contains("downloading " + M1 + "train-images-idx3-ubyte.gz")), messages.toString());
        assertEquals(4, progress.size());

        FakeFetcher offline = new FakeFetcher();
        assertEquals(4, withTinyCatalog(offline).load("tiny", null, messages::add, Progress.none()).train().count());
        assertEquals(List.of(), offline.requests, "the second load reads the cache");
    }

    @Test
    void download_hashMismatchTriesTheNextMirror() throws Exception {
        FakeFetcher net = new FakeFetcher();
        tinyFiles().forEach((f, b) -> {
            byte[] corrupt = b.clone();
            corrupt[corrupt.length / 2] ^= 1;
            net.served.put(M1 + f, corrupt);
            net.served.put(M2 + f, b);
        });
        assertEquals(4, withTinyCatalog(net).load("tiny", null, messages::add, Progress.none()).train().count());
        assertEquals(8, net.requests.size());
        assertEquals(expectedCache(), cacheContents());
        assertTrue(messages.stream().anyMatch(m -> m.contains("SHA-256 mismatch")), messages.toString());
    }

    @Test
    void download_allMirrorsFailingLeavesNothingInPlace() throws Exception {
        FakeFetcher net = new FakeFetcher();
        String file = Datasets.FILES.getFirst();
        byte[] good = tinyFiles().get(file);
        net.served.put(M1 + file, good);
        net.dieHalfway.add(M1 + file); // partial data, then a network error
        net.served.put(M2 + file, new byte[]{1, 2, 3}); // complete but wrong
        DataException e = assertThrows(DataException.class,
                () -> withTinyCatalog(net).load("tiny", tmp.resolve("dir"), messages::add, Progress.none()));
        String m = e.getMessage();
        for (String s : List.of(M1 + file + ": connection reset", M2 + file + ": SHA-256 mismatch",
                tmp.resolve("dir/tiny").toString(), cache("tiny").toString(), "--data-dir", "DESCENT_DATA")) {
            assertTrue(m.contains(s), "should mention " + s + ": " + m);
        }
        assertEquals(List.of(), cacheContents(), "no partial or corrupt file may remain");
    }

    @Test
    void download_failureOfALaterFileKeepsVerifiedEarlierOnes() throws Exception {
        FakeFetcher net = new FakeFetcher();
        Map<String, byte[]> files = tinyFiles();
        net.served.put(M1 + Datasets.FILES.get(0), files.get(Datasets.FILES.get(0)));
        assertThrows(DataException.class, () -> withTinyCatalog(net).load("tiny", null, messages::add, Progress.none()));
        assertEquals(List.of(cache("tiny").resolve(Datasets.FILES.get(0))), cacheContents());

        files.forEach((f, b) -> net.served.put(M2 + f, b));
        net.requests.clear();
        assertEquals(4, withTinyCatalog(net).load("tiny", null, messages::add, Progress.none()).train().count());
        assertTrue(net.requests.stream().noneMatch(r -> r.endsWith(Datasets.FILES.get(0))), net.requests.toString());
        assertEquals(expectedCache(), cacheContents());
    }
}
