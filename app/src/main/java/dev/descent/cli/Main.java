package dev.descent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code descent} command line. */
@Command(name = "descent", mixinStandardHelpOptions = true, version = "descent 0.1.0",
        description = "Train neural networks with different optimizers and compare them.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
