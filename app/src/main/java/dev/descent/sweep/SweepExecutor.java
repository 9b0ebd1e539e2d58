package dev.descent.sweep;

import dev.descent.data.Dataset;
import dev.descent.train.Checkpoint;
import dev.descent.train.TrainListener;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Where a sweep's units run. The driver ({@link SweepRunner}) decides which units are ready, hands each to an
 * executor and saves what comes back; an executor only runs units ({@link SweepWork#run}), on this JVM's threads
 * ({@link SweepRunner}'s own, the default) or elsewhere: descent's Spark module runs each unit as a Spark task.
 * Since a unit's numbers are a function of its task and the checkpoint it continues, every executor gives the same
 * numbers.
 *
 * <pre>{@code
 * try (SweepExecutor spark = SweepExecutor.provider("spark").open(new SweepExecutor.Settings("local[2]", spec, data, null, null, 1, err))) {
 *     new SweepRunner(spec, data, spark, listener).run(folder);
 * }
 * }</pre>
 */
public interface SweepExecutor extends AutoCloseable {

    /** Units the driver keeps running at once. */
    int slots();

    /**
     * Runs one unit and returns what it produced. Called by up to {@link #slots()} driver threads at once, each with
     * its own {@code slot} in {@code [0, slots())}.
     *
     * @param from the end state of the rung it continues when {@code task.fromStep() > 0}, else {@code null}
     * @throws IllegalArgumentException when the unit cannot run for a descent reason (a bad configuration, data an
     *                                  executor cannot find): the sweep stops, saying why
     */
    SweepWork.Done run(int slot, SweepTask task, Checkpoint from) throws IOException;

    /**
     * As {@link #run(int, SweepTask, Checkpoint)}, telling {@code listener} each step as the unit trains where the unit
     * runs in this JVM (the driver's live file for {@code descent serve}); an executor elsewhere tells nothing (this
     * default), and its unit's rows appear when it is saved.
     */
    default SweepWork.Done run(int slot, SweepTask task, Checkpoint from, TrainListener listener) throws IOException {
        return run(slot, task, from);
    }

    @Override
    void close() throws IOException;

    /**
     * What opening an executor needs.
     *
     * @param master  where to run, as the executor understands it (Spark: {@code local[2]}, {@code spark://host:7077})
     * @param data    each problem's data as the driver loaded it (executors check theirs is the same)
     * @param dataDir the {@code --data-dir} given, or {@code null}
     * @param workers units at once ({@code --workers}), or {@code null} for the executor's own default
     * @param threads kernel threads of each unit
     * @param err     where to say what it does (the Spark UI's address, lost executors)
     */
    record Settings(String master, SweepSpec spec, Map<String, Dataset.Split> data, Path dataDir, Integer workers, int threads,
                    PrintStream err) {
    }

    /** Opens executors of one kind; found by {@link ServiceLoader} ({@code META-INF/services/dev.descent.sweep.SweepExecutor$Provider}). */
    interface Provider {
        /** The kind, e.g. {@code spark}. */
        String name();

        SweepExecutor open(Settings settings) throws IOException;
    }

    /**
     * The provider of executors of {@code kind} on the class path.
     *
     * @throws IllegalArgumentException if none is there, saying how to get it
     */
    static Provider provider(String kind) {
        for (Provider p : ServiceLoader.load(Provider.class)) {
            if (p.name().equals(kind)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--" + kind + " needs descent's " + kind + " module (descent-" + kind + ") on the class path, and it is not there: "
                + "run ./descent from the repository (it adds the module when --" + kind + " is given, building it once), or submit "
                + "spark/target/descent-spark-*-all.jar with spark-submit (docs/spark.md)");
    }
}
