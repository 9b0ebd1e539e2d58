package dev.descent.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentedTest {

    enum Undocumented implements Documented {
        @Description("has a line") WRITTEN,
        FORGOTTEN
    }

    @Test
    void description_isTheTextWrittenOnTheConstant() {
        assertEquals("acc₀ = 0.1, ε = 1e-7 (Keras Adagrad)", AdaGrad.Convention.KERAS.description());
        assertEquals("throw NonFiniteGradientException before anything changes", NonFiniteGuard.Policy.STOP.description());
        assertEquals("has a line", Undocumented.WRITTEN.description());
        for (WeightDecay.Mode m : WeightDecay.Mode.values()) {
            assertFalse(m.description().isBlank(), m.name());
        }
    }

    @Test
    void description_ofAConstantWithoutOne_namesTheConstant() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Undocumented.FORGOTTEN::description);
        assertTrue(e.getMessage().contains("Undocumented.FORGOTTEN has no @Documented.Description"), e.getMessage());
    }

    @Test
    void description_ofANonEnumThatDoesNotOverrideIt_saysSo() {
        Documented d = new Documented() {
        };
        assertThrows(UnsupportedOperationException.class, d::description);
    }
}
