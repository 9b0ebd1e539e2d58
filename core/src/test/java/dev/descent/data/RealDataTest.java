package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MNIST and Fashion-MNIST files. MNIST comes from {@code $DESCENT_DATA/mnist}, Fashion-MNIST from
 * the Debian package. Skipped where the files are absent, except on CI ({@code CI=true}), where absence fails.
 */
class RealDataTest {
    private static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    private static void requireData(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(what + " is required on CI (CI=true)");
        }
        Assumptions.assumeTrue(present, what + " not present");
    }

    private static Path mnistRoot() {
        String v = System.getenv(Datasets.ENV_DATA);
        requireData(v != null && !v.isBlank(), "MNIST via the environment variable DESCENT_DATA");
        return Path.of(v);
    }

    /** A catalog that sees only what the test gives it: no home cache, no Debian folder, no network. */
    private Datasets isolated(Map<String, String> env, Path debianRoot, Fetcher fetcher) {
        return new Datasets(env, tmp.resolve("home"), debianRoot, fetcher);
    }

    private static void assertPixelsInUnitRange(Dataset d) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float p : d.pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    /** Examples per class. */
    static int[] histogram(Dataset d) {
        int[] h = new int[d.classes()];
        for (int label : d.labels()) {
            h[label]++;
        }
        return h;
    }

    @Test
    void load_mnist() throws Exception {
        Path root = mnistRoot();
        Dataset.Split s = isolated(Map.of(Datasets.ENV_DATA, root.toString()), tmp.resolve("none"), null)
                .load("mnist", null, m -> { }, Progress.none());
        assertEquals(60000, s.train().count());
        assertEquals(10000, s.test().count());
        assertEquals(28, s.train().height());
        assertEquals(1, s.train().channels());
        assertArrayEquals(new int[]{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, histogram(s.test()));
        assertArrayEquals(new int[]{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, histogram(s.train()));
        assertPixelsInUnitRange(s.train());
        assertPixelsInUnitRange(s.test());
    }

    @Test
    void load_fashionMnistFromDebianPackage() throws Exception {
        requireData(Files.isDirectory(DEBIAN_FASHION), "Fashion-MNIST from the Debian package dataset-fashion-mnist");
        Dataset.Split s = isolated(Map.of(), DEBIAN_FASHION.getParent(), null)
                .load("fashion-mnist", null, m -> { }, Progress.none());
        assertEquals(60000, s.train().count());
        assertEquals(10000, s.test().count());
        int[] thousandEach = new int[10];
        java.util.Arrays.fill(thousandEach, 1000);
        assertArrayEquals(thousandEach, histogram(s.test()), "Fashion-MNIST is balanced");
        assertPixelsInUnitRange(s.train());
        assertPixelsInUnitRange(s.test());
    }

    /** Serves the real files from a local folder, so the catalog's SHA-256 values are checked against them. */
    private static Fetcher servingFrom(Path dir) {
        return (source, name, sink, progress) -> Files.copy(dir.resolve(name), sink);
    }

    @Test
    void download_mnistMatchesCatalogHashes() throws Exception {
        Path root = mnistRoot().resolve("mnist");
        requireData(Datasets.FILES.stream().allMatch(f -> Files.isRegularFile(root.resolve(f))), "gzipped MNIST files");
        List<String> messages = new java.util.ArrayList<>();
        Dataset.Split s = isolated(Map.of(), tmp.resolve("none"), servingFrom(root))
                .load("mnist", null, messages::add, Progress.none());
        assertEquals(10000, s.test().count());
        assertTrue(messages.stream().noneMatch(m -> m.contains("failed")), messages.toString());
    }

    @Test
    void download_fashionMnistMatchesCatalogHashes() throws Exception {
        requireData(Files.isDirectory(DEBIAN_FASHION), "Fashion-MNIST from the Debian package dataset-fashion-mnist");
        List<String> messages = new java.util.ArrayList<>();
        Dataset.Split s = isolated(Map.of(), tmp.resolve("none"), servingFrom(DEBIAN_FASHION))
                .load("fashion-mnist", null, messages::add, Progress.none());
        assertEquals(10000, s.test().count());
        assertTrue(messages.stream().noneMatch(m -> m.contains("failed")), messages.toString());
    }
}
