package dev.descent.train;

import dev.descent.kernel.Backend;
import dev.descent.layer.Shape;
import dev.descent.model.Models;
import dev.descent.model.Network;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LimitsTest {
    private static final Network.Builder CNN = Models.cnn(new Shape(28, 28, 1), 10);

    @Test
    void count_outsideTheRangeNamesTheLimitAndWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Limits.count("--steps", 9_999_999_999_999L, 1, Limits.MAX_STEPS, Limits.STEPS_WHY));
        assertEquals("--steps must be between 1 and 100000000 (per-step records are kept in memory), got 9999999999999", e.getMessage());
        assertEquals(5, Limits.count("--steps", 5, 1, Limits.MAX_STEPS, Limits.STEPS_WHY));
    }

    @Test
    void threads_defaultsToTheCoresAndRefusesAThousandTimesMore() {
        assertTrue(Limits.threads("--threads", null) >= 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Limits.threads("--threads", 100_000));
        assertTrue(e.getMessage().contains("between 1 and 256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Limits.threads("--threads", 0));
    }

    @Test
    void batch_largerThanTheTrainingSet_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Limits.batch("batch", 60_001, 60_000, "cnn", CNN));
        assertTrue(e.getMessage().contains("the training set has 60000 examples"), e.getMessage());
    }

    @Test
    void batch_whoseLayerArraysOverflowAnInt_isRefusedBeforeBuilding() {
        // conv1's output holds 28·28·32 floats per example: 85598 examples are the most one array holds
        assertEquals(85_598, CNN.maxCapacity());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Limits.batch("batch", 90_000, 100_000, "cnn", CNN));
        assertTrue(e.getMessage().contains("between 1 and 85598"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CNN.build(85_599, Backend.reference()));
    }

    @Test
    void batch_thatNeedsMoreThanTheHeap_isRefusedWithTheWayOut() {
        long perExample = CNN.floatsPerExample() * 4;
        assumeTrue(perExample * 13_000L > Runtime.getRuntime().maxMemory(), "a heap this large holds the batch");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Limits.batch("batch", 13_000, 60_000, "cnn", CNN));
        assertTrue(e.getMessage().contains("Java heap") && e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void memory_refusesRecordsBeyondTheHeap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Limits.memory("4 runs x 1e9 steps", 4_000_000_000L, 400));
        assertTrue(e.getMessage().startsWith("4 runs x 1e9 steps = 4000000000 per-step records need about"), e.getMessage());
        Limits.memory("small", 1000, 400);
    }
}
