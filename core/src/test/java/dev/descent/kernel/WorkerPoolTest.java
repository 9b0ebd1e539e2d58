package dev.descent.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkerPoolTest {

    @Test
    void forEach_runsEveryIndexOnce() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(17);
                pool.forEach(17, hits::incrementAndGet);
                for (int i = 0; i < 17; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " in round " + round);
                }
            }
        }
    }

    @Test
    void forEach_withSlots_givesEachRunningTaskItsOwnSlot() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(23), busy = new AtomicIntegerArray(3);
                java.util.concurrent.atomic.AtomicBoolean clash = new java.util.concurrent.atomic.AtomicBoolean();
                pool.forEach(23, (i, slot) -> {
                    if (busy.getAndIncrement(slot) != 0) {
                        clash.set(true);
                    }
                    hits.incrementAndGet(i);
                    Thread.onSpinWait();
                    busy.decrementAndGet(slot);
                });
                for (int i = 0; i < 23; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " in round " + round);
                }
                assertEquals(false, clash.get(), "two tasks ran in one slot at once in round " + round);
            }
        }
    }

    @Test
    void forEach_propagatesFailureAndStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> pool.forEach(8, i -> { if (i == 5) throw new IllegalStateException("boom " + i); }));
            assertEquals("boom 5", e.getMessage());
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            pool.forEach(4, hits::incrementAndGet);
            assertEquals(1, hits.get(3));
        }
    }

    @Test
    void constructor_rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }
}
