package dev.descent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the schedules against PyTorch's schedulers: trajectories written by
 * {@code tools/golden/pytorch_schedules.py} (torch 1.13) into {@code golden/schedules/<case>.csv}.
 */
class SchedulesPyTorchGoldenTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("step_lr", Schedule.staircase(0.1, 0.5, 3)),
                // MultiStepLR switches at its milestone; TF's piecewise keeps the earlier value at a boundary.
                Arguments.of("multi_step_lr", Schedule.piecewiseConstant(new long[] {4, 11}, new double[] {0.1, 0.01, 0.001})),
                Arguments.of("exponential_lr", Schedule.exponential(0.1, 0.9, 1)),
                Arguments.of("polynomial_lr", Schedule.polynomial(0.1, 10, 0, 2, false)),
                Arguments.of("cosine_annealing_lr", Schedule.cosine(0.1, 16, 0.01)),
                Arguments.of("cosine_warm_restarts_tmul2", Schedule.cosineWarmRestarts(0.1, 4, 2, 1, 0.01)),
                Arguments.of("cosine_warm_restarts_tmul1", Schedule.cosineWarmRestarts(0.1, 5, 1, 1, 0)),
                Arguments.of("one_cycle_lr", Schedule.oneCycle(0.1, 50, 0.3, 25, 1e4)),
                Arguments.of("one_cycle_lr_fractional", Schedule.oneCycle(0.2, 45, 0.25, 10, 100)),
                Arguments.of("linear_lr_warmup", Schedule.constant(0.1).withWarmup(5, 0.01)),
                Arguments.of("sequential_warmup_cosine", Schedule.cosine(0.1, 15, 0).withWarmup(5, 0.01)),
                Arguments.of("sequential_warmup_cosine",
                        Schedules.parse("join(schedules=[warmup(warmup_steps=5, warmup_start=0.01, schedule=constant),"
                                + " cosine(decay_steps=15)], boundaries=[5])", 1, 0.1)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void matchesPyTorch(String name, Schedule schedule) throws IOException {
        List<double[]> rows = read("/golden/schedules/" + name + ".csv");
        assertTrue(rows.size() >= 10, name + " has too few rows");
        for (double[] row : rows) {
            long step = (long) row[0];
            double expected = row[1];
            // PyTorch computes several of these recursively (lr_t from lr_{t-1}), so allow rounding drift.
            assertEquals(expected, schedule.at(step), 1e-15 + 1e-12 * Math.abs(expected), name + " step " + step);
        }
    }

    static List<double[]> read(String resource) throws IOException {
        InputStream in = SchedulesPyTorchGoldenTest.class.getResourceAsStream(resource);
        assertNotNull(in, "missing test resource " + resource + "; run tools/golden/pytorch_schedules.py");
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    assertEquals("step,lr", line, resource);
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new double[] {Long.parseLong(f[0]), Double.parseDouble(f[1])});
            }
        }
        return rows;
    }
}
