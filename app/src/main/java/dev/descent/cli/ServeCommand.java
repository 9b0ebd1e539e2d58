package dev.descent.cli;

import dev.descent.serve.DashboardServer;
import dev.descent.serve.SafePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code descent serve [DIR...]}: a read-only dashboard of the results folders under DIR, live while they grow. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a read-only dashboard of every study, sweep and landscape results folder under DIR "
                + "(default: results), finished or in progress: curves with smoothing, log axes and zoom, sweeps' "
                + "sensitivity, landscape pictures; new rows appear as the results files grow (a run still training appends its "
                + "rows to live/ in its results folder). Stop it with Ctrl-C.",
                "",
                "Examples:",
                "  descent serve results --port 8080",
                "  descent study --preset quick --serve      watch a study as it trains (sweep --serve alike)"})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Folders to look for results folders in (default: results).")
    List<Path> dirs;

    @Mixin
    ServeOptions address = new ServeOptions();

    @Override
    public Integer call() throws IOException, InterruptedException {
        SafePaths roots = SafePaths.of(dirs == null || dirs.isEmpty() ? List.of(Path.of("results")) : dirs);
        DashboardServer started = address.start(roots, "descent serve");
        try (DashboardServer server = started) {
            System.out.println("serving " + roots.roots() + " at " + server.url() + " (Ctrl-C stops)");
            server.awaitStop();
        }
        return Main.OK;
    }
}
