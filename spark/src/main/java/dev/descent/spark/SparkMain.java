package dev.descent.spark;

import dev.descent.cli.Main;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point for {@code spark-submit}: descent's command line, where {@code sweep} runs its units on the master
 * spark-submit was given (unless {@code --spark} says otherwise).
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --class dev.descent.spark.SparkMain descent-spark-0.1.0-SNAPSHOT-all.jar \
 *     sweep my-sweep.yaml --out /shared/results/mine
 * </pre>
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        String master = System.getProperty("spark.master");
        if (!a.isEmpty() && a.get(0).equals("sweep") && master != null && a.stream().noneMatch(x -> x.equals("--spark") || x.startsWith("--spark="))
                && a.stream().noneMatch(x -> x.equals("--help") || x.equals("-h") || x.equals("--print"))) {
            a.add("--spark");
            a.add(master);
        }
        Main.main(a.toArray(String[]::new));
    }
}
