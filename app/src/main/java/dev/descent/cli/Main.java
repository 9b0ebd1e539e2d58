package dev.descent.cli;

import dev.descent.data.DataException;
import dev.descent.io.IoErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of the {@code descent} command line. */
@Command(name = "descent", mixinStandardHelpOptions = true, version = "descent 0.1.0",
        description = "Train neural networks with different optimizers and compare them.",
        subcommands = {StudyCommand.class, SweepCommand.class, TrainCommand.class, LandscapeCommand.class, ReportCommand.class, ServeCommand.class, BenchCommand.class, ListCommands.OptimizersCommand.class,
                ListCommands.SchedulesCommand.class, ListCommands.PresetsCommand.class, ListCommands.ProblemsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit codes of every command; listed in every command's --help. */
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2, DIVERGED = 3;
    /** Set to 1 to see the stack trace of an internal error. */
    static final String DEBUG_ENV = "DESCENT_DEBUG";

    private static final Map<String, String> EXIT_CODES = new LinkedHashMap<>();

    static {
        EXIT_CODES.put(" " + OK, "the run finished (or the command did what was asked)");
        EXIT_CODES.put(" " + FAILED, "the run failed (e.g. a file could not be written, out of memory) or an internal error");
        EXIT_CODES.put(" " + BAD_INPUT, "bad input: an option, a value, a file or a path that cannot be used (nothing was started)");
        EXIT_CODES.put(" " + DIVERGED, "the run diverged (train): its loss became NaN or infinite, or rose above --divergence-factor "
                + "times its initial loss");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("descent: out of memory (Java heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB): use fewer steps, seeds "
                    + "or a smaller batch, or a larger heap (JAVA_TOOL_OPTIONS=-Xmx16g)");
            code = FAILED;
        } catch (StackOverflowError e) {
            internalError(new PrintWriter(System.err, true), "descent", e);
            code = FAILED;
        }
        System.exit(code);
    }

    /** The command line with descent's error handling and exit codes; tests run commands through it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Bad input the library rejects (unknown names, values out of range, unusable paths) is the user's to fix:
        // say what was wrong in one line, without a stack trace. Anything else is a bug: say so, in one line too.
        // A usage error is one line too, with where to look for what is allowed (picocli would print the whole help).
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            String who = cmd == cl ? "descent" : "descent " + cmd.getCommandName();
            String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            cmd.getErr().println(who + ": " + (m.endsWith(".") ? m.substring(0, m.length() - 1) : m) + suggestions(e) + "; `" + who + " --help` lists what is allowed");
            return BAD_INPUT;
        });
        // an empty path would silently mean the current folder
        cl.registerConverter(java.nio.file.Path.class, text -> {
            if (text.isBlank()) {
                throw new CommandLine.TypeConversionException("a path must not be empty");
            }
            return java.nio.file.Path.of(text);
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            String who = cmd == cl ? "descent" : "descent " + cmd.getCommandName();
            if (e instanceof IllegalArgumentException || e instanceof DataException || e instanceof FileSystemException) {
                err.println(who + ": " + message(e));
                return BAD_INPUT;
            }
            if (e instanceof IOException io) {
                err.println(who + ": " + (io.getMessage() != null ? io.getMessage() : IoErrors.reason(io)));
                return FAILED;
            }
            internalError(err, who, e);
            return FAILED;
        });
        exitCodes(cl);
        return cl;
    }

    private static String suggestions(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        return "";
    }

    private static String message(Exception e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() != null ? f.getFile() : "";
            String reason = IoErrors.reason(f);
            return reason.contains(file) ? reason : file + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static void internalError(PrintWriter err, String who, Throwable e) {
        err.println(who + ": internal error (a bug in descent, not in your input): " + e
                + "; please report it with the command line that caused it (" + DEBUG_ENV + "=1 prints the stack trace)");
        if ("1".equals(System.getenv(DEBUG_ENV))) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** Lists the exit codes in the help of {@code cl} and of every command under it. */
    private static void exitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        for (CommandLine sub : cl.getSubcommands().values()) {
            exitCodes(sub);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
