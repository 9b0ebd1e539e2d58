package dev.descent.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsCsvTest {

    private static final List<String> ROWS = List.of(
            "adam,1,1,2.30,0.001,1.5,0.10,,",
            "adam,1,2,2.10,0.001,1.4,0.20,2.0,0.40",
            "adam,1,3,1.90,0.001,1.3,0.30,,",
            "adam,1,4,1.70,0.001,1.2,0.40,1.6,0.60",
            "sgd,1,1,2.30,0.01,1.5,0.10,,",
            "sgd,1,2,2.20,0.01,1.5,0.20,2.1,0.30");

    private static Path write(Path dir, List<String> rows) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(RunResult.CSV_HEADER);
        lines.addAll(rows);
        Path f = dir.resolve("metrics.csv");
        Files.write(f, lines);
        return f;
    }

    @Test
    void read_shuffledRowsGiveTheSameRunsAsOrderedOnes(@TempDir Path dir) throws Exception {
        List<RunResult> ordered = MetricsCsv.read(write(dir, ROWS));
        List<String> shuffled = new ArrayList<>(ROWS);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.swap(shuffled, shuffled.indexOf(ROWS.get(0)), 0); // adam first, so the run order is the same
        List<RunResult> read = MetricsCsv.read(write(dir, shuffled));
        assertEquals(ordered, read);
        assertEquals(0.60, read.get(0).testAccuracy(), "the final accuracy is the last step's");
        assertEquals(4, read.get(0).rows().get(3).step());
    }

    @Test
    void read_rejectsADuplicatedStepWithBothLines(@TempDir Path dir) throws Exception {
        List<String> rows = new ArrayList<>(ROWS);
        rows.add("adam,1,2,2.10,0.001,1.4,0.20,2.0,0.40");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(write(dir, rows)));
        assertTrue(e.getMessage().contains("line 8") && e.getMessage().contains("step 2 is given twice") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void read_rejectsAGap(@TempDir Path dir) throws Exception {
        List<String> rows = new ArrayList<>(ROWS);
        rows.remove(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(write(dir, rows)));
        assertTrue(e.getMessage().contains("adam seed 1 has no row for step 3"), e.getMessage());
    }

    @Test
    void read_rejectsAnEmptySeedOrANonNumberWithTheLineAndColumn(@TempDir Path dir) throws Exception {
        List<String> rows = new ArrayList<>(ROWS);
        rows.set(1, "adam,,2,2.10,0.001,1.4,0.20,2.0,0.40");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(write(dir, rows)));
        assertTrue(e.getMessage().contains("line 3: seed is empty"), e.getMessage());
        rows.set(1, "adam,1,2,two,0.001,1.4,0.20,2.0,0.40");
        e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(write(dir, rows)));
        assertTrue(e.getMessage().contains("line 3: loss must be a number") && e.getMessage().contains("'two'"), e.getMessage());
    }

    @Test
    void read_aMissingFinalAccuracyStaysMissing(@TempDir Path dir) throws Exception {
        List<String> rows = new ArrayList<>(ROWS);
        rows.set(3, "adam,1,4,1.70,0.001,1.2,0.40,,");
        RunResult adam = MetricsCsv.read(write(dir, rows)).get(0);
        assertTrue(Double.isNaN(adam.testAccuracy()), "not the earlier evaluation's 0.40: " + adam.testAccuracy());
    }
}
