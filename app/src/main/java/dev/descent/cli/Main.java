package dev.descent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code descent} command line. */
@Command(name = "descent", mixinStandardHelpOptions = true, version = "descent 0.1.0",
        description = "Train neural networks with different optimizers and compare them.",
        subcommands = {StudyCommand.class, TrainCommand.class, LandscapeCommand.class, ReportCommand.class, BenchCommand.class, ListCommands.OptimizersCommand.class,
                ListCommands.SchedulesCommand.class, ListCommands.PresetsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with descent's error handling; tests run commands through it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Bad input the library rejects (unknown names, values out of range) is the user's to fix: say what
        // was wrong without a stack trace.
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                cmd.getErr().println("descent " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
