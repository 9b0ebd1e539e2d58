package dev.descent.cli;

import dev.descent.serve.DashboardServer;
import dev.descent.serve.SafePaths;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the dashboard listens, {@code --port} and {@code --host}: the one home of these options and their defaults,
 * mixed into {@code descent serve} and, through {@link Watch}, into the {@code --serve} of {@code study} and
 * {@code sweep}; and the one way a dashboard is started from the command line (the warning for an address other
 * machines reach, the message for a port in use).
 */
public final class ServeOptions {
    @Option(names = "--port", paramLabel = "P", description = "Port the dashboard listens on (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "H", description = "Address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only). "
            + "Another address lets other machines read every file under the served folders.")
    String host = "127.0.0.1";

    /** Starts a dashboard of {@code roots}; {@code who} names the command in the warning ({@code descent serve}). */
    DashboardServer start(SafePaths roots, String who) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("--host " + host + " is not an address of this machine: " + e.getMessage());
        }
        if (!address.isLoopbackAddress()) {
            System.err.println(who + ": warning: listening on " + host + ", not on this machine only: anyone who can reach it can read "
                    + "every results folder under " + roots.roots() + " (read only, no password)");
        }
        try {
            return DashboardServer.start(roots, host, port, DashboardServer.THROTTLE_MILLIS);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): choose another --port, or 0 for any free one");
        }
    }

    /**
     * {@code --serve}, {@code --keep-serving} and the address options, for a command that trains into a results folder:
     * the dashboard of that folder while it is written, stopped when the command ends unless asked to stay.
     */
    public static final class Watch {
        /** The options that go with {@code --serve}: none of them changes what is trained or where it is written. */
        static final List<String> OPTIONS = List.of("--serve", "--keep-serving", "--port", "--host");

        @Option(names = "--serve", description = "Serve the results folder's dashboard (descent serve) while this runs: curves grow as it trains. "
                + "The address is printed; it stops when the run ends, unless --keep-serving.")
        boolean serve;

        @Option(names = "--keep-serving", description = "With --serve: keep serving after the run ends, until Ctrl-C.")
        boolean keepServing;

        @picocli.CommandLine.Mixin
        ServeOptions address = new ServeOptions();

        /**
         * Refuses {@code --keep-serving}, {@code --port} and {@code --host} without {@code --serve}.
         *
         * @param given the options given on the command line, each as typed ({@link StudyCommand#optionsOutside})
         */
        void check(List<String> given) {
            if (!serve) {
                List<String> stray = given.stream().filter(g -> OPTIONS.stream().anyMatch(o -> g.equals(o) || g.startsWith(o + " "))).toList();
                if (!stray.isEmpty()) {
                    throw new IllegalArgumentException(String.join(", ", stray) + " goes with --serve: add --serve to watch the run in the browser");
                }
            }
        }

        /** With {@code --serve}, starts the dashboard of {@code dir} (which exists) and prints its address; else null. */
        DashboardServer start(Path dir, String what, PrintStream err) throws IOException {
            if (!serve) {
                return null;
            }
            DashboardServer s = address.start(SafePaths.of(List.of(dir)), "descent " + what);
            err.println("dashboard: " + s.url() + "?id=0 (live while the " + what + " runs" + (keepServing ? ", and after it until Ctrl-C" : "") + ")");
            return s;
        }

        /**
         * The run is over: with {@code --keep-serving} serves on until the process is stopped, else stops the dashboard,
         * saying so. Nothing when {@code server} is null.
         */
        void end(DashboardServer server, Path dir, String what, PrintStream err) throws InterruptedException {
            if (server == null) {
                return;
            }
            try (server) {
                if (keepServing) {
                    err.println("the " + what + " is done; the dashboard stays at " + server.url() + "?id=0 until Ctrl-C");
                    server.awaitStop();
                } else {
                    err.println("the " + what + " is done; the dashboard stopped (look again with: ./descent serve " + dir + ")");
                }
            }
        }
    }
}
