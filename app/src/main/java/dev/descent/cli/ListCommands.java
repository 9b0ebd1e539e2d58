package dev.descent.cli;

import dev.descent.optim.Optimizers;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.schedule.Schedules;
import dev.descent.spec.Param;
import dev.descent.study.StudyFile;
import dev.descent.sweep.SweepFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

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
            description = {"List the study and sweep presets, or print one as a file to start your own from.", "",
                    "Example:", "  descent presets fair > my-sweep.yaml"})
    static final class PresetsCommand implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Print this preset's study or sweep file.")
        String name;

        @Override
        public Integer call() {
            if (name != null) {
                System.out.print(SweepFile.PRESETS.contains(name) ? SweepFile.presetText(name) : StudyFile.presetText(name));
                return 0;
            }
            System.out.println("study presets (descent study --preset NAME):");
            for (String p : StudyFile.PRESETS) {
                System.out.printf("  %-16s %s%n", p, StudyFile.preset(p).description());
            }
            System.out.println("sweep presets (descent sweep --preset NAME):");
            for (String p : SweepFile.PRESETS) {
                System.out.printf("  %-16s %s%n", p, SweepFile.preset(p).description());
            }
            return 0;
        }
    }

    @Command(name = "problems", mixinStandardHelpOptions = true,
            description = {"List the problems a sweep can tune on: dataset, model, batch, budget, validation split and target,"
                    + " and the keys a sweep file may override.", "",
                    "Example (in a sweep file):", "  problems: [mnist-cnn, \"mnist-logreg(steps=60, validation=1000)\"]"})
    static final class ProblemsCommand implements Runnable {
        @Override
        public void run() {
            System.out.print(problems());
        }
    }

    /** The listing of {@code descent problems}: one block per problem, then the keys every problem takes. */
    static String problems() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-16s %-14s %-15s %6s %6s %10s %-11s %s%n", "problem", "dataset", "model", "batch",
                "steps", "eval_every", "validation", "target"));
        for (Problem p : Problems.registry().entries().stream().map(e -> Problems.parse(e.name())).toList()) {
            b.append(String.format(Locale.ROOT, "%-16s %-14s %-15s %6d %6d %10d %-11s %s %s%n", p.name(),
                    p.synthetic() ? "(synthetic)" : p.dataset(), p.model(), p.batch(), p.steps(), p.evalEvery(), p.validation(),
                    p.targetMetric().display(), p.target()));
            b.append("    ").append(p.description()).append('\n');
        }
        b.append("\nkeys a sweep file may override, e.g. mnist-logreg(steps=60, validation=1000):\n");
        for (Param k : Problems.registry().entries().getFirst().params()) {
            String ranges = Problems.registry().entries().stream().map(e -> e.param(k.key()).range()).distinct()
                    .collect(Collectors.joining(" or "));   // the target's range depends on the problem's metric
            b.append(String.format(Locale.ROOT, "  %-12s %-34s %s%n", k.key(), ranges, k.doc()));
        }
        return b.toString();
    }
}
