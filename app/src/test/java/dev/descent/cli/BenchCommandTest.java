package dev.descent.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A smoke run of descent bench: every reference optimizer timed, the JSON last line complete. */
class BenchCommandTest {

    @Test
    void bench_timesEveryReferenceOptimizerAndPrintsJson() {
        TrainCommandTest.Run r = TrainCommandTest.run("bench", "--steps", "2", "--warmup", "1", "--threads", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        String json = lines.get(lines.size() - 1);
        for (String key : List.of("\"gd\":", "\"nesterov\":", "\"rmsprop\":", "\"adam\":", "\"descent_images_per_second\":",
                "\"reference_study_training_seconds\":", "\"threads\":2")) {
            assertTrue(json.contains(key), key + " missing in " + json);
        }
    }

    @Test
    void bench_rejectsZeroSteps() {
        TrainCommandTest.Run r = TrainCommandTest.run("bench", "--steps", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--steps"), r.err());
    }
}
