package dev.descent.problem;

import dev.descent.data.*;
import dev.descent.train.*;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;

class ScratchNetTest {
    @Test
    void explore() throws Exception {
        String which = System.getProperty("which", "mnist-logreg,mnist-mlp");
        String opt = System.getProperty("opt", "adam");
        long seeds = Long.getLong("seeds", 1);
        for (String name : which.split(",")) {
            Problem p = Problems.parse(name);
            Dataset.Split data = Datasets.standard().load(p.dataset(), Path.of(p.dataset().equals("mnist") ? "/work/shared/data" : "/usr/share/datasets"), m -> { }, null).holdOut(p.validation());
            for (int threads = 1; threads <= Integer.getInteger("threads", 1); threads++) {
                try (Workbench w = Workbench.open(p, data, threads)) {
                    for (String o : opt.split(";")) {
                        for (long seed = 1; seed <= seeds; seed++) {
                        long t0 = System.nanoTime();
                        long steps = Long.getLong("steps", p.steps());
                        TrialOutcome r = w.run(new TrialRequest(Optimization.resolve(o, null, null), seed, steps, Divergence.DEFAULT, false, null, false), TrainListener.NONE);
                        StringBuilder sb = new StringBuilder();
                        long firstHit = -1;
                        for (Evaluation e : r.validations()) { sb.append(String.format(" %.4f", e.accuracy())); if (firstHit < 0 && e.accuracy() >= p.target()) firstHit = e.step(); }
                        System.out.printf("%s threads=%d %s seed=%d wall=%.1fs train=%.1fs cpu=%.1fs ms/step=%.2f hit %.2f at %d val:%s%n", name, threads, o, seed,
                                (System.nanoTime() - t0) / 1e9, r.trainSeconds(), r.cpuSeconds(), 1000 * r.trainSeconds() / steps, p.target(), firstHit, sb);
                        }
                    }
                }
            }
        }
    }
}
