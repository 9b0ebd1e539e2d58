package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation split on the real MNIST training set from {@code $DESCENT_DATA}: skipped without it, except on
 * CI ({@code CI=true}), where it fails. Disjointness is checked twice: by index bookkeeping and by the content
 * (SHA-256) of every image row.
 */
class ValidationRealDataTest {
    private static Dataset.Split mnist;

    @BeforeAll
    static void load() throws DataException {
        String dir = System.getenv(Datasets.ENV_DATA);
        boolean present = dir != null && !dir.isBlank();
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("DESCENT_DATA must point at the data folder on CI");
        }
        Assumptions.assumeTrue(present, "DESCENT_DATA not set: real-data validation split skipped");
        mnist = Datasets.standard().load("mnist", Path.of(dir), m -> { }, Progress.none());
    }

    private static String rowHash(Dataset d, int i) {
        int size = d.imageSize();
        ByteBuffer b = ByteBuffer.allocate(size * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(d.pixels(), i * size, size);
        return HexFormat.of().formatHex(sha256(b.array()));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** SHA-256 of a dataset's pixels (float bits, little-endian) then labels. */
    private static String digest(Dataset d) {
        ByteBuffer b = ByteBuffer.allocate(d.pixels().length * 4 + d.labels().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(d.pixels());
        b.position(d.pixels().length * 4);
        b.asIntBuffer().put(d.labels());
        return HexFormat.of().formatHex(sha256(b.array()));
    }

    private static Map<String, Integer> contents(Dataset d) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < d.count(); i++) {
            m.merge(rowHash(d, i), 1, Integer::sum);
        }
        return m;
    }

    /** Train and validation are disjoint in content (up to images the original holds twice) and together are the original. */
    private static void assertPartitionByContent(Dataset original, Dataset.Split s) {
        Map<String, Integer> all = contents(original), train = contents(s.train()), validation = contents(s.validation());
        Map<String, Integer> together = new HashMap<>(train);
        validation.forEach((k, v) -> together.merge(k, v, Integer::sum));
        assertEquals(all, together, "train + validation = the original training set, image for image");
        for (String k : validation.keySet()) {
            if (train.containsKey(k)) {
                assertTrue(all.get(k) > 1, "an image of the original appears in both training and validation");
            }
        }
    }

    @Test
    void tf1_isTheFirst5000Images() {
        Dataset original = mnist.train();
        Dataset.Split s = mnist.holdOut(Validation.parse("tf1"));
        assertEquals(55000, s.train().count());
        assertEquals(5000, s.validation().count());
        assertEquals(mnist.test(), s.test());
        int size = original.imageSize();
        assertArrayEquals(Arrays.copyOfRange(original.pixels(), 0, 5000 * size), s.validation().pixels());
        assertArrayEquals(Arrays.copyOfRange(original.labels(), 0, 5000), s.validation().labels());
        assertArrayEquals(Arrays.copyOfRange(original.pixels(), 5000 * size, 60000 * size), s.train().pixels());
        assertArrayEquals(Arrays.copyOfRange(original.labels(), 5000, 60000), s.train().labels());
        assertPartitionByContent(original, s);
    }

    @Test
    void stratified5000_partitionsByIndexAndContent() {
        Dataset original = mnist.train();
        Validation rule = Validation.holdOut(5000);
        int[] held = rule.indices(original);
        Dataset.Split s = mnist.holdOut(rule);
        assertEquals(55000, s.train().count());
        assertEquals(5000, s.validation().count());
        // index bookkeeping: the held-out indices are distinct and ascending, the validation rows are those
        // rows of the original, and the training rows are all the others, in order
        boolean[] isHeld = new boolean[original.count()];
        for (int i = 0; i < held.length; i++) {
            assertTrue(i == 0 || held[i - 1] < held[i]);
            isHeld[held[i]] = true;
        }
        int size = original.imageSize();
        for (int i = 0, v = 0, t = 0; i < original.count(); i++) {
            Dataset part = isHeld[i] ? s.validation() : s.train();
            int row = isHeld[i] ? v++ : t++;
            assertEquals(original.labels()[i], part.labels()[row]);
            assertTrue(Arrays.equals(original.pixels(), i * size, (i + 1) * size, part.pixels(), row * size, (row + 1) * size),
                    "row " + i);
        }
        assertPartitionByContent(original, s);
        // each class in its share, within one example: 5000 × n_c / 60000
        int[] all = RealDataTest.histogram(original), val = RealDataTest.histogram(s.validation());
        for (int c = 0; c < 10; c++) {
            assertTrue(Math.abs(val[c] - 5000.0 * all[c] / 60000) < 1, "class " + c + ": " + val[c]);
        }
        assertArrayEquals(new int[]{494, 562, 496, 511, 487, 452, 493, 522, 487, 496}, val);
    }

    @Test
    void split_identicalAcrossCallsAndRuns() {
        for (Validation rule : new Validation[]{Validation.tf1(), Validation.holdOut(5000), Validation.holdOut(123)}) {
            Dataset.Split a = mnist.holdOut(rule), b = mnist.holdOut(rule);
            assertArrayEquals(a.train().pixels(), b.train().pixels());
            assertArrayEquals(a.validation().pixels(), b.validation().pixels());
            assertArrayEquals(a.validation().labels(), b.validation().labels());
        }
        // the same bytes in every run: digests recorded once (the rule has no seed to vary)
        assertEquals("f34b05b202f1198d1e77c7a6e02e1ee720f5a6692035cf13fed03d581f91da91", digest(mnist.holdOut(Validation.tf1()).validation()));
        assertEquals("80e99ca22bd5df70b02271e9abead8dbb86fe52b70509f7fc1d3924f4fd2fb81", digest(mnist.holdOut(Validation.holdOut(5000)).validation()));
        assertEquals("65813e343d2bb4ee53964c307ef68c0977d67cd3a7651afdee94c5ec87bcd68f", digest(mnist.holdOut(Validation.holdOut(123)).validation()));
    }

    @Test
    void holdOut_tooManyRejectedListingTheAllowedRange() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> mnist.holdOut(Validation.holdOut(60000)));
        assertTrue(e.getMessage().contains("must be in [1, 59999]"), e.getMessage());
    }
}
