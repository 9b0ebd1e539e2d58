package dev.descent.spark;

import dev.descent.sweep.SweepExecutor;

import java.io.IOException;

/** {@code --spark MASTER}: sweeps whose units run as Spark tasks ({@link SparkSweepExecutor}); found by {@link java.util.ServiceLoader}. */
public final class SparkProvider implements SweepExecutor.Provider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepExecutor open(SweepExecutor.Settings settings) throws IOException {
        return new SparkSweepExecutor(settings);
    }
}
