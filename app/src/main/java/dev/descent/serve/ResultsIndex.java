package dev.descent.serve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the results folders under the served roots: a study ({@code study.yaml}), a sweep ({@code sweep.yaml}) or a
 * landscape ({@code *paths.csv} or {@code *contour.png}), at most {@value #DEPTH} levels down. It does not descend
 * into a results folder, a hidden folder or a symlink (so it never leaves a root), and reads no file: a folder's
 * status comes from which files exist and when they last changed, so indexing hundreds of runs stays cheap.
 *
 * <pre>{@code
 * List<ResultsIndex.Entry> folders = ResultsIndex.scan(SafePaths.of(List.of(Path.of("results"))));
 * }</pre>
 */
public final class ResultsIndex {
    /** How deep under a root results folders are looked for ({@code results/group/study} is depth 2). */
    static final int DEPTH = 4;
    /** A folder whose files changed this recently, and that has no summary yet, is taken to be running. */
    static final long RUNNING_MILLIS = 120_000;
    public static final String STUDY = "study", SWEEP = "sweep", LANDSCAPE = "landscape";
    /** The sub-folders where per-run CSV files live (the last one is where a running unit's rows are appended). */
    static final List<String> SERIES_DIRS = List.of("runs", "trials", "reruns", "live");

    /**
     * One results folder.
     *
     * @param id       the folder's id in URLs: root number, then the path inside the root ({@code 0/mnist-study})
     * @param kind     {@value #STUDY}, {@value #SWEEP} or {@value #LANDSCAPE}
     * @param status   {@code finished} (a summary newer than every run file), {@code running} (changed in the last
     *                 {@value #RUNNING_MILLIS} ms) or {@code incomplete}
     * @param modified when a file of the folder (or of its run sub-folders) last changed, epoch milliseconds
     * @param runs     how many per-run CSV files it holds (a landscape: its pictures)
     */
    public record Entry(String id, String name, String kind, String status, long modified, int runs) {
    }

    private ResultsIndex() {
    }

    public static List<Entry> scan(SafePaths roots) {
        List<Entry> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int r = 0; r < roots.roots().size(); r++) {
            walk(roots, r, roots.roots().get(r), 0, now, out);
        }
        return out;
    }

    private static void walk(SafePaths roots, int r, Path dir, int depth, long now, List<Entry> out) {
        Optional<Entry> e;
        try {
            e = entry(roots, r, dir, now);
        } catch (IOException | SecurityException vanishedOrUnreadable) {
            return; // a folder deleted while the index is read, or one the server may not read, is not shown
        }
        if (e.isPresent()) {
            out.add(e.get());
            return;
        }
        if (depth >= DEPTH) {
            return;
        }
        List<Path> subs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    subs.add(p);
                }
            }
        } catch (IOException | SecurityException unreadable) {
            return; // a folder the server may not read is simply not shown
        }
        subs.sort(null);
        for (Path p : subs) {
            walk(roots, r, p, depth + 1, now, out);
        }
    }

    /** The entry of {@code dir} inside root {@code r}, if it is a results folder. */
    static Optional<Entry> entry(SafePaths roots, int r, Path dir, long now) throws IOException {
        String kind = kind(dir);
        if (kind == null) {
            return Optional.empty();
        }
        long modified = modified(dir);
        int runs = 0;
        long newestRun = 0;
        if (kind.equals(LANDSCAPE)) {
            runs = pictures(dir).size();
        } else {
            for (String sub : SERIES_DIRS) {
                Path d = dir.resolve(sub);
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                newestRun = Math.max(newestRun, modified(d));
                try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "[!.]*.csv")) {
                    for (Path ignored : s) {
                        runs++;
                    }
                }
            }
        }
        modified = Math.max(modified, newestRun);
        Path summary = dir.resolve("summary.json");
        String status;
        if (kind.equals(LANDSCAPE) || Files.isRegularFile(summary) && modified(summary) >= newestRun) {
            status = "finished";
        } else if (now - modified < RUNNING_MILLIS) {
            status = "running";
        } else {
            status = "incomplete";
        }
        String name = dir.equals(roots.roots().get(r)) ? dir.getFileName() == null ? dir.toString() : dir.getFileName().toString()
                : roots.roots().get(r).relativize(dir).toString().replace('\\', '/');
        return Optional.of(new Entry(roots.id(r, dir), name, kind, status, modified, runs));
    }

    /** The kind of results folder {@code dir} is, or null. */
    static String kind(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("sweep.yaml"))) {
            return SWEEP;
        }
        if (Files.isRegularFile(dir.resolve("study.yaml"))) {
            return STUDY;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "{*paths.csv,*contour.png}")) {
            return s.iterator().hasNext() ? LANDSCAPE : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The pictures of a folder and of its {@code plots/}, as paths relative to the folder, sorted. */
    static List<String> pictures(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String sub : List.of("", "plots")) {
            Path d = sub.isEmpty() ? dir : dir.resolve(sub);
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<String> here = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "[!.]*.{png,gif,PNG,GIF}")) {
                for (Path p : s) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        here.add((sub.isEmpty() ? "" : sub + "/") + p.getFileName());
                    }
                }
            }
            here.sort(null);
            out.addAll(here);
        }
        return out;
    }

    private static long modified(Path p) throws IOException {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
    }

    /** File extensions the server hands out, with their content types. */
    static final Set<String> SERVED = Set.of("png", "gif", "svg", "csv", "json", "yaml", "html", "txt");

    static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
