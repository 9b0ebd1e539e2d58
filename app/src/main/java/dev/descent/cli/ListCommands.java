package dev.descent.cli;

import dev.descent.optim.Optimizers;
import dev.descent.schedule.Schedules;
import dev.descent.study.StudyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.concurrent.Callable;

/** The listing commands: what the registries and presets hold. */
final class ListCommands {
    private ListCommands() {
    }

    @Command(name = "optimizers", mixinStandardHelpOptions = true,
            description = "List every optimizer with its hyperparameters, defaults, allowed ranges and conventions.")
    static final class OptimizersCommand implements Runnable {
        @Override
        public void run() {
            System.out.print(Optimizers.describe());
        }
    }

    @Command(name = "schedules", mixinStandardHelpOptions = true,
            description = "List every learning-rate schedule with its parameters and defaults.")
    static final class SchedulesCommand implements Runnable {
        @Override
        public void run() {
            System.out.print(Schedules.help());
        }
    }

    @Command(name = "presets", mixinStandardHelpOptions = true,
            description = "List the study presets, or print one as a study file to start your own from.")
    static final class PresetsCommand implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Print this preset's study file.")
        String name;

        @Override
        public Integer call() throws IOException {
            if (name != null) {
                System.out.print(StudyFile.presetText(name));
                return 0;
            }
            for (String p : StudyFile.PRESETS) {
                System.out.printf("%-10s %s%n", p, StudyFile.preset(p).description());
            }
            return 0;
        }
    }
}
