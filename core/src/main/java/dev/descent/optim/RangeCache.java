package dev.descent.optim;

import java.util.Arrays;

/**
 * What a whole-tensor rule (Adafactor, SOAP) has worked out about one parameter range {@code [from, to)} — its
 * blocks or tensors — kept across steps and looked up without allocating (a map keyed by a boxed long allocates on
 * every step). A step sees a handful of ranges (one per parameter group), so the lookup is a linear scan.
 *
 * <pre>{@code
 * RangeCache<Block[]> cache = new RangeCache<>();
 * Block[] b = cache.get(from, to);          // null the first time
 * if (b == null) { b = split(from, to); cache.put(from, to, b); }
 * }</pre>
 */
public final class RangeCache<T> {
    private long[] keys = new long[0];
    private Object[] values = new Object[0];
    private int size;

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    /** What was put for {@code [from, to)}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public T get(int from, int to) {
        long k = key(from, to);
        for (int i = 0; i < size; i++) {
            if (keys[i] == k) {
                return (T) values[i];
            }
        }
        return null;
    }

    /** Remembers {@code value} for {@code [from, to)}, replacing what was there. */
    public void put(int from, int to, T value) {
        long k = key(from, to);
        for (int i = 0; i < size; i++) {
            if (keys[i] == k) {
                values[i] = value;
                return;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, Math.max(4, 2 * size));
            values = Arrays.copyOf(values, keys.length);
        }
        keys[size] = k;
        values[size++] = value;
    }

    /** Every value, in the order first put. */
    @SuppressWarnings("unchecked")
    public Iterable<T> values() {
        return () -> Arrays.stream(values, 0, size).map(v -> (T) v).iterator();
    }

    /** Forgets everything. */
    public void clear() {
        Arrays.fill(values, 0, size, null);
        size = 0;
    }
}
