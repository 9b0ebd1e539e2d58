package dev.descent.spark;

import dev.descent.sweep.SweepFile;
import dev.descent.sweep.SweepPlan;
import dev.descent.sweep.SweepSpec;
import dev.descent.sweep.SweepTask;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an executor answers when it cannot run a unit for a descent reason: a refusal saying why, never a retry. */
class OnExecutorTest {
    static final SweepSpec SPEC = SweepFile.parse("""
            name: one
            problems: ["mnist-logreg(steps=20, eval_every=10)"]
            tuning: {method: grid, metric: loss, seeds: 1}
            search:
              lr: [0.1, 0.01]
            optimizers:
              - name: sgd
                optimizer: sgd
            """, "test");

    static SweepTask firstTask() {
        SweepPlan plan = SweepPlan.of(SPEC);
        return plan.firstRung(plan.groups().get(0)).get(0);
    }

    @Test
    void dataOtherThanTheDrivers_isRefusedNamingBothDigests() throws IOException {
        Assumptions.assumeTrue(Cli.mnist(), "needs MNIST in $DESCENT_DATA");
        SweepJob job = new SweepJob(UUID.randomUUID().toString(), SweepFile.write(SPEC), System.getenv("DESCENT_DATA"),
                Map.of("mnist-logreg", "00ff"), 1);
        SweepTask t = firstTask();
        try {
            var e = assertThrows(IllegalArgumentException.class, () -> UnitResult.read(t, OnExecutor.run(job, t.toSpec().toString(), null)));
            assertTrue(e.getMessage().contains("loaded other data for mnist than the driver") && e.getMessage().contains("the driver's 00ff")
                    && e.getMessage().contains("--data-dir"), e.getMessage());
        } finally {
            OnExecutor.forget(job.id());
        }
    }

    @Test
    void aTaskItCannotRead_isRefused() throws IOException {
        SweepJob job = new SweepJob(UUID.randomUUID().toString(), SweepFile.write(SPEC), null, Map.of(), 1);
        SweepTask t = firstTask();
        try {
            var e = assertThrows(IllegalArgumentException.class, () -> UnitResult.read(t, OnExecutor.run(job, "task(kind=nonsense)", null)));
            assertTrue(e.getMessage().contains("cannot read the unit it was sent"), e.getMessage());
        } finally {
            OnExecutor.forget(job.id());
        }
    }
}
