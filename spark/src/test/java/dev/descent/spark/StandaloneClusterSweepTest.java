package dev.descent.spark;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep on a real Spark standalone cluster on this machine (a master and two workers, separate processes), one
 * worker killed with {@code kill -9} while the sweep runs: the sweep finishes on the other, every trial is there
 * once, and the numbers are the local runner's. The executors load MNIST themselves, from the driver's data folder.
 */
class StandaloneClusterSweepTest {
    static final String SWEEP = """
            name: cluster
            problems: ["mnist-logreg(steps=900, eval_every=300)"]
            tuning:
              method: grid
              early_stopping: successive_halving
              eta: 3
              metric: loss
              seeds: 2
            search:
              lr: {low: 1e-3, high: 1, scale: log, points: 4}
            optimizers:
              - name: sgd
                optimizer: sgd
              - name: adam
                optimizer: adam
            """;

    @Test
    void killNineOfAWorker_midSweep_finishesWithEveryTrialOnceAndTheLocalNumbers(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Cli.mnist(), "needs MNIST in $DESCENT_DATA");
        Path file = tmp.resolve("cluster.yaml");
        Files.writeString(file, SWEEP);
        Cli.Result local = Cli.run("sweep", file.toString(), "--out", tmp.resolve("local").toString(), "--workers", "2");
        assertEquals(0, local.exit(), local.err());
        System.out.println("the sweep on this JVM's threads:\n" + local.err());

        Path out = tmp.resolve("spark");
        Files.createDirectories(tmp.resolve("cluster"));
        ExecutorService driver = Executors.newSingleThreadExecutor();
        System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        System.setProperty("spark.executor.memory", "768m");
        System.setProperty("spark.ui.enabled", "false");
        long t0 = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2)) {
            System.out.printf("cluster started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            Future<Cli.Result> run = driver.submit(() -> Cli.run("sweep", file.toString(), "--out", out.toString(), "--spark", cluster.url(),
                    "--workers", "2"));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (finished(out) < 4 && !run.isDone() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            int before = finished(out);
            assertTrue(before >= 4 && !run.isDone(), "the sweep ran 4 units and goes on (" + before + " finished); worker 0's log:\n" + cluster.log("worker0"));
            cluster.killWorker(0);
            Cli.Result spark = run.get(600, TimeUnit.SECONDS);
            System.out.println("the sweep on the cluster:\n" + spark.err());
            assertEquals(0, spark.exit(), spark.err() + "\nworker1:\n" + cluster.log("worker1"));
            assertTrue(spark.err().contains("was lost"), "the driver saw the executor go: " + spark.err());
            assertTrue(finished(out) > before, "units ran after the kill");
        } finally {
            driver.shutdownNow();
            System.clearProperty("spark.executor.extraClassPath");
            System.clearProperty("spark.executor.memory");
            System.clearProperty("spark.ui.enabled");
        }
        List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
        Set<String> units = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertTrue(units.add(f[0] + " " + f[1] + " " + f[2] + " " + f[3]), "each trial and rung once: " + row);
        }
        Cli.assertSameNumbers(tmp.resolve("local"), out);
    }

    private static int finished(Path out) throws IOException {
        int n = 0;
        for (String sub : List.of("trials", "reruns")) {
            Path d = out.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    n += (int) s.filter(p -> p.toString().endsWith(".json")).count();
                }
            }
        }
        return n;
    }
}
