package dev.descent.landscape;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathSpecTest {

    @Test
    void parse_takesLrAndScheduleOutOfTheRegistrySpec() {
        PathSpec p = PathSpec.parse("adam(beta1=0.8, lr=0.05, schedule=cosine(decay_steps=100, alpha=0.1))");
        assertEquals("adam(beta1=0.8)", p.optimizer());
        assertEquals(0.05, p.lr());
        assertEquals("cosine(decay_steps=100, alpha=0.1)", p.schedule());
        assertEquals("adam", p.name());
        assertEquals("adam(beta1=0.8, lr=0.05, schedule=cosine(decay_steps=100, alpha=0.1))", p.toString());
        assertEquals(p, PathSpec.parse(p.toString()));
        assertEquals(0.05 * 0.1, p.schedule(0.05).at(100), 1e-12);
    }

    @Test
    void parse_plainNamesAndLrOnly() {
        PathSpec s = PathSpec.parse("sgd");
        assertNull(s.lr());
        assertEquals("sgd", s.toString());
        assertEquals("sgd(lr=0.001)", PathSpec.parse("sgd(lr=1e-3)").toString());
        assertEquals("sgd", PathSpec.parse("sgd(lr=1e-3)").optimizer());
    }

    @Test
    void formatLr_isShortAndReadable() {
        assertEquals("0.316", PathSpec.formatLr(Math.sqrt(10) / 10));
        assertEquals("0.0001", PathSpec.formatLr(1e-4));
        assertEquals("1", PathSpec.formatLr(1));
        assertEquals("0.05", PathSpec.formatLr(0.05));
    }

    @Test
    void parse_rejectsBadLrsAndUnknownKeys() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathSpec.parse("sgd(lr=fast)")).getMessage().contains("lr must be a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathSpec.parse("sgd(lr=-1)")).getMessage().contains("> 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathSpec.parse("adam(beta=0.9)")).getMessage().contains("unknown hyperparameter"));
        assertThrows(IllegalArgumentException.class, () -> PathSpec.parse("sgd(schedule=nope)"));
    }
}
