package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validation rules and {@link Dataset.Split#holdOut} on small synthetic datasets; real MNIST is in {@link ValidationRealDataTest}. */
class ValidationTest {

    /** {@code count} 2×1 images whose pixels encode their index, labels as given. */
    static Dataset synthetic(int[] labels, int classes) {
        int count = labels.length;
        float[] pixels = new float[count * 2];
        for (int i = 0; i < count; i++) {
            pixels[2 * i] = i / (float) count;
            pixels[2 * i + 1] = 1f - i / (float) count;
        }
        return new Dataset("synthetic", pixels, labels, count, 2, 1, 1, classes);
    }

    private static Dataset cyclic(int count, int classes) {
        int[] labels = new int[count];
        Arrays.setAll(labels, i -> i % classes);
        return synthetic(labels, classes);
    }

    /** The original index of each image of {@code part}, read back from its pixels. */
    private static int[] originalIndices(Dataset part, int originalCount) {
        int[] idx = new int[part.count()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = Math.round(part.pixels()[2 * i] * originalCount);
        }
        return idx;
    }

    // ---- the value type and its text form ----

    @Test
    void parse_roundTripsEveryForm() {
        for (Validation v : List.of(Validation.none(), Validation.tf1(), Validation.holdOut(1), Validation.holdOut(5000))) {
            assertEquals(v, Validation.parse(v.toString()));
        }
        assertEquals("none", Validation.none().toString());
        assertEquals("tf1", Validation.tf1().toString());
        assertEquals("1234", Validation.parse(" 1234 ").toString());
        assertEquals(5000, Validation.tf1().size());
        assertEquals(Validation.Rule.STRATIFIED, Validation.parse("5000").rule());
    }

    @Test
    void parse_badTextListsWhatIsAllowed() {
        for (String bad : List.of("", "0", "-3", "1.5", "TF1", "tf2", "five", "99999999999", "+4")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Validation.parse(bad));
            assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
            assertTrue(e.getMessage().contains("allowed: none, tf1"), e.getMessage());
            assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Validation.parse(null));
    }

    @Test
    void construct_inconsistentSizeRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Validation.holdOut(0));
        assertTrue(e.getMessage().contains("at least 1 example, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Validation(Validation.Rule.TF1, 100));
        assertThrows(IllegalArgumentException.class, () -> new Validation(Validation.Rule.NONE, 3));
        assertThrows(IllegalArgumentException.class, () -> new Validation(null, 3));
    }

    // ---- holding out ----

    @Test
    void holdOut_none_returnsTheSameSplit() {
        Dataset.Split s = new Dataset.Split(cyclic(20, 3), cyclic(5, 3));
        assertFalse(s.hasValidation());
        assertSame(s, s.holdOut(Validation.none()));
        assertEquals(0, Validation.none().indices(s.train()).length);
    }

    @Test
    void holdOut_tf1_takesTheFirst5000() {
        Dataset train = cyclic(5003, 10), test = cyclic(4, 10);
        Dataset.Split s = new Dataset.Split(train, test).holdOut(Validation.tf1());
        assertTrue(s.hasValidation());
        assertEquals(5000, s.validation().count());
        assertEquals(3, s.train().count());
        assertSame(test, s.test());
        assertArrayEquals(Arrays.copyOfRange(train.pixels(), 0, 5000 * 2), s.validation().pixels());
        assertArrayEquals(Arrays.copyOfRange(train.labels(), 0, 5000), s.validation().labels());
        assertArrayEquals(Arrays.copyOfRange(train.pixels(), 5000 * 2, 5003 * 2), s.train().pixels());
        assertArrayEquals(new int[]{5000, 5001, 5002}, originalIndices(s.train(), 5003));
    }

    @Test
    void holdOut_sizeOutsideTrainingSetRejectedWithAllowedRange() {
        Dataset.Split s = new Dataset.Split(cyclic(10, 2), cyclic(2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.holdOut(Validation.holdOut(10)));
        assertTrue(e.getMessage().contains("must be in [1, 9]"), e.getMessage());
        assertTrue(e.getMessage().contains("10 training examples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.holdOut(Validation.tf1()));
        assertTrue(e.getMessage().contains("validation tf1 holds out 5000"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 9]"), e.getMessage());
        assertEquals(9, s.holdOut(Validation.holdOut(9)).validation().count());
    }

    @Test
    void holdOut_twiceRejected() {
        Dataset.Split s = new Dataset.Split(cyclic(10, 2), cyclic(2, 2)).holdOut(Validation.holdOut(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.holdOut(Validation.holdOut(2)));
        assertTrue(e.getMessage().contains("already holds out"), e.getMessage());
    }

    @Test
    void holdOut_stratified_handComputedSelection() {
        // labels: class 0 at 0,2,4,6,8,10 (6 members), class 1 at 1,3,5,7,9 (5), class 2 at 11 (1); N = 4 of 12.
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 2};
        // quotas: 4·6/12 = 2 r0, 4·5/12 = 1 r8, 4·1/12 = 0 r4 -> floors give 3, the extra goes to class 1 (r8).
        // class 0, q=2: members floor(1·6/4)=1, floor(3·6/4)=4 -> indices 2, 8
        // class 1, q=2: members floor(1·5/4)=1, floor(3·5/4)=3 -> indices 3, 7
        assertArrayEquals(new int[]{2, 3, 7, 8}, Validation.holdOut(4).indices(synthetic(labels, 3)));
        // N = 6: 3 r0, 2 r6, 0 r6 -> one extra, tie between classes 1 and 2 goes to the lower label, 1.
        // class 0, q=3: members 1, 3, 5 -> 2, 6, 10; class 1, q=3: floor(5/6)=0, floor(15/6)=2, floor(25/6)=4 -> 1, 5, 9
        assertArrayEquals(new int[]{1, 2, 5, 6, 9, 10}, Validation.holdOut(6).indices(synthetic(labels, 3)));
    }

    @Test
    void holdOut_stratified_partitionsExactlyForEveryN() {
        int[] labels = new int[97];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i * 7 + i / 5) % 4 == 3 ? 3 : (i * i) % 3; // uneven classes in a scrambled order
        }
        Dataset train = synthetic(labels, 4);
        int[] perClass = new int[4];
        for (int l : labels) {
            perClass[l]++;
        }
        for (int n = 1; n < train.count(); n++) {
            Dataset.Split s = new Dataset.Split(train, cyclic(3, 4)).holdOut(Validation.holdOut(n));
            int[] held = Validation.holdOut(n).indices(train);
            assertEquals(n, held.length);
            assertEquals(n, s.validation().count());
            assertEquals(train.count() - n, s.train().count());
            assertArrayEquals(held, originalIndices(s.validation(), train.count()), "validation = the indices, in order");
            Set<Integer> trainIdx = new HashSet<>();
            for (int i : originalIndices(s.train(), train.count())) {
                trainIdx.add(i);
            }
            for (int h : held) {
                assertFalse(trainIdx.contains(h), "N=" + n + ": index " + h + " in both");
            }
            assertEquals(train.count(), trainIdx.size() + held.length, "N=" + n + ": together the whole training set");
            int[] heldPerClass = new int[4];
            for (int l : s.validation().labels()) {
                heldPerClass[l]++;
            }
            for (int c = 0; c < 4; c++) {
                double share = (double) n * perClass[c] / train.count();
                assertTrue(Math.abs(heldPerClass[c] - share) < 1, "N=" + n + " class " + c + ": " + heldPerClass[c] + " for share " + share);
            }
        }
    }

    @Test
    void holdOut_keepsOrderAndLabelsOfBothParts() {
        Dataset train = cyclic(50, 5);
        Dataset.Split s = new Dataset.Split(train, cyclic(5, 5)).holdOut(Validation.holdOut(10));
        int[] t = originalIndices(s.train(), 50), v = originalIndices(s.validation(), 50);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i - 1] < t[i]);
        }
        for (int i = 0; i < t.length; i++) {
            assertEquals(train.labels()[t[i]], s.train().labels()[i]);
        }
        for (int i = 0; i < v.length; i++) {
            assertEquals(train.labels()[v[i]], s.validation().labels()[i]);
        }
        // cyclic labels, 10 per class, 2 held out each, members floor(10/4)=2 and floor(30/4)=7
        assertArrayEquals(new int[]{10, 11, 12, 13, 14, 35, 36, 37, 38, 39}, v);
        assertNotNull(s.test());
    }

    @Test
    void split_twoPartConstructorHasNoValidation() {
        Dataset a = cyclic(4, 2), b = cyclic(2, 2);
        Dataset.Split s = new Dataset.Split(a, b);
        assertSame(a, s.train());
        assertSame(b, s.test());
        assertEquals(null, s.validation());
    }
}
