package dev.descent.cli;

import dev.descent.serve.DashboardServer;
import dev.descent.serve.SafePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code descent serve [DIR...]}: a read-only dashboard of the results folders under DIR, live while they grow. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a read-only dashboard of every study, sweep and landscape results folder under DIR "
                + "(default: results), finished or in progress: curves with smoothing, log axes and zoom, sweeps' "
                + "sensitivity, landscape pictures; new rows appear as the results files grow (today a run's file is "
                + "written when the run ends). Stop it with Ctrl-C.",
                "",
                "Example:",
                "  descent serve results --port 8080"})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Folders to look for results folders in (default: results).")
    List<Path> dirs;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "H", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). "
            + "Another address lets other machines read every file under DIR.")
    String host = "127.0.0.1";

    @Override
    public Integer call() throws IOException, InterruptedException {
        SafePaths roots = SafePaths.of(dirs == null || dirs.isEmpty() ? List.of(Path.of("results")) : dirs);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("--host " + host + " is not an address of this machine: " + e.getMessage());
        }
        if (!address.isLoopbackAddress()) {
            System.err.println("descent serve: warning: listening on " + host + ", not on this machine only: anyone who can reach it can read "
                    + "every results folder under " + roots.roots() + " (read only, no password)");
        }
        DashboardServer started;
        try {
            started = DashboardServer.start(roots, host, port, DashboardServer.THROTTLE_MILLIS);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): choose another --port, or 0 for any free one");
        }
        try (DashboardServer server = started) {
            System.out.println("serving " + roots.roots() + " at " + server.url() + " (Ctrl-C stops)");
            server.awaitStop();
        }
        return Main.OK;
    }
}
