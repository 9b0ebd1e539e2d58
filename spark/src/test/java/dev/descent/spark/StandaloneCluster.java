package dev.descent.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and workers, each a separate JVM started from this
 * JVM's class path (Spark's {@code Master} and {@code Worker} main classes), one core each. Every process it starts
 * — and the executors the workers start — is ended by its id on {@link #close()}, or by a shutdown hook if the
 * test JVM is stopped first. Every wait is bounded.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final long START_SECONDS = 120;

    final Path dir;
    final int port;
    private final List<ProcessHandle> started = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final Process master;
    private final Thread hook = new Thread(this::stopAll, "stop-standalone-cluster");

    private StandaloneCluster(Path dir, int workerCount) throws IOException, InterruptedException {
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(hook);
        Files.writeString(dir.resolve("log4j2.properties"), """
                rootLogger.level = info
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
                """);
        // a Worker builds its executors' class path from SPARK_HOME/jars (empty here) and spark.executor.extraClassPath
        Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        port = freePort();
        master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(freePort()));
        await("master", master, "I have been elected leader");
        for (int i = 0; i < workerCount; i++) {
            Path work = Files.createDirectories(dir.resolve("work" + i));
            Process w = start("worker" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                    "--webui-port", Integer.toString(freePort()), "--work-dir", work.toString(), url());
            workers.add(w);
        }
        for (int i = 0; i < workerCount; i++) {
            await("worker" + i, workers.get(i), "Successfully registered with master");
        }
    }

    /** A master and {@code workers} workers of one core and 1 GiB each, registered and ready. */
    static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        return new StandaloneCluster(dir, workers);
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    Process worker(int i) {
        return workers.get(i);
    }

    /** Kills worker {@code i} as a crashed machine dies ({@code kill -9}); its executors lose their worker and stop. */
    void killWorker(int i) throws InterruptedException {
        Process w = workers.get(i);
        List<ProcessHandle> children = w.descendants().toList();
        started.addAll(children);
        w.destroyForcibly();
        w.waitFor(30, TimeUnit.SECONDS);
    }

    String log(String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "(no log)";
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(Arrays.asList(System.getProperty("descent.spark.jvmArgs", "").split("\\s+")));
        cmd.removeIf(String::isBlank);
        cmd.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        started.add(p.toHandle());
        return p;
    }

    /** Waits until {@code name}'s log says {@code line}; fails with its log if it dies or takes too long. */
    private void await(String name, Process p, String line) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!log(name).contains(line)) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " stopped (exit " + p.exitValue() + ") before saying '" + line + "':\n" + log(name));
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(name + " did not say '" + line + "' within " + START_SECONDS + " s:\n" + log(name));
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Ends every process started here and every executor its workers started, by id: politely, then by force. */
    private synchronized void stopAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle h : started) {
            all.addAll(h.descendants().toList());
            all.add(h);
        }
        started.clear();
        all.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle h : all) {
            while (h.isAlive() && System.nanoTime() < end) {
                try {
                    h.onExit().get(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    break;
                }
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
    }
}
