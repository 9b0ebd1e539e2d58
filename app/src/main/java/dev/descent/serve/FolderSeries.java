package dev.descent.serve;

import dev.descent.io.Json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series of one results folder: one per per-run CSV file ({@code runs/} of a study, {@code trials/} and
 * {@code reruns/} of a sweep), keyed by the file's stem ({@code adam__seed1}). A unit still training appends its
 * rows to {@code live/STEM.csv} ({@link dev.descent.study.LiveCsv}); that file is read until the finished {@code STEM.csv} appears, which then takes over
 * without a new generation if its rows extend those already sent. Files are re-read only when they changed, and only
 * what was appended ({@link CsvTail}); {@link #refresh} does nothing if called again within the throttle interval, so
 * any number of pages watching a folder cost one look at its files per interval.
 *
 * <pre>{@code
 * FolderSeries s = new FolderSeries(dir, 250);
 * s.refresh();
 * String json = s.deltaJson(Cursor.empty());     // every series, every row
 * Cursor next = s.advance(Cursor.empty());       // what the page has after that
 * }</pre>
 */
public final class FolderSeries {
    private static final Pattern SEED = Pattern.compile("(.*)__seed(\\d+)"), RUNG = Pattern.compile("(.*)__r(\\d+)");
    private static final List<String> FINAL_DIRS = List.of("runs", "trials", "reruns");
    private static final String LIVE = "live";

    private final Path dir;
    private final long throttleMillis;
    private final Map<String, State> series = new TreeMap<>();
    private long lastRefresh = Long.MIN_VALUE / 2;

    /** A series as sent: its file, rows and generation. */
    private static final class State {
        CsvTail tail;
        int tailGeneration, generation;
        List<double[]> rows = List.of();
        List<String> columns = List.of();
    }

    /** One series' rows after a cursor position, as a page receives them. */
    public record Delta(String key, String label, String group, Long seed, int generation, int from, boolean reset,
                        List<String> columns, List<double[]> rows) {
    }

    public FolderSeries(Path dir, long throttleMillis) {
        this.dir = dir;
        this.throttleMillis = throttleMillis;
    }

    /** Looks at the folder's files (at most once per throttle interval) and reads what changed. */
    public synchronized void refresh() throws IOException {
        long now = System.nanoTime() / 1_000_000;
        if (now - lastRefresh < throttleMillis) {
            return;
        }
        lastRefresh = now;
        Map<String, Path> files = new LinkedHashMap<>();
        for (String sub : FINAL_DIRS) {
            list(dir.resolve(sub), files, false);
        }
        list(dir.resolve(LIVE), files, true);
        for (Map.Entry<String, Path> f : files.entrySet()) {
            State s = series.computeIfAbsent(f.getKey(), k -> new State());
            if (s.tail == null || !s.tail.file().equals(f.getValue())) {
                CsvTail next = new CsvTail(f.getValue());
                next.refresh();
                if (s.tail != null && !(next.columns().equals(s.columns) && extendsRows(next.rows(), s.rows))) {
                    s.generation++;
                }
                s.tail = next;
                s.tailGeneration = next.generation();
            } else {
                s.tail.refresh();
                if (s.tail.generation() != s.tailGeneration) {
                    s.tailGeneration = s.tail.generation();
                    s.generation++;
                }
            }
            s.rows = s.tail.rows();
            s.columns = s.tail.columns();
        }
    }

    private static void list(Path d, Map<String, Path> files, boolean live) throws IOException {
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "[!.]*.csv")) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                String stem = name.substring(0, name.length() - ".csv".length());
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !(live && files.containsKey(stem))) {
                    files.putIfAbsent(stem, p);
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // a sub-folder that cannot be listed shows no series; the page still works
        }
    }

    private static boolean extendsRows(List<double[]> now, List<double[]> before) {
        if (now.size() < before.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (!Arrays.equals(now.get(i), before.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Every series' rows after {@code cursor}: new series whole, a series of another generation again from row 0. */
    public synchronized List<Delta> delta(Cursor cursor) {
        List<Delta> out = new ArrayList<>();
        for (Map.Entry<String, State> e : series.entrySet()) {
            State s = e.getValue();
            if (s.columns.isEmpty()) {
                continue;
            }
            Cursor.Position at = cursor.positions().get(e.getKey());
            boolean reset = at == null || at.generation() != s.generation || at.count() > s.rows.size();
            int from = reset ? 0 : at.count();
            if (!reset && from == s.rows.size()) {
                continue;
            }
            String key = e.getKey();
            Matcher seed = SEED.matcher(key), rung = RUNG.matcher(key);
            String group = seed.matches() ? seed.group(1) : rung.matches() ? rung.group(1) : key;
            Long seedValue = seed.matches() ? Long.valueOf(seed.group(2)) : null;
            out.add(new Delta(key, key.replace("__", " "), group, seedValue, s.generation, from, reset, s.columns,
                    s.rows.subList(from, s.rows.size())));
        }
        return out;
    }

    /** The cursor after {@code deltas} were sent to a page at {@code cursor}. */
    public static Cursor advance(Cursor cursor, List<Delta> deltas) {
        Map<String, Cursor.Position> p = new LinkedHashMap<>(cursor.positions());
        for (Delta d : deltas) {
            p.put(d.key(), new Cursor.Position(d.generation(), d.from() + d.rows().size()));
        }
        return new Cursor(p);
    }

    /**
     * {@code deltas} as JSON: {@code {"series":[{"key":..,"label":..,"group":..,"seed":..,"generation":..,"from":..,
     * "reset":..,"columns":[..],"rows":[[..],..]}]}}. The rows are written here rather than by Jackson because they
     * are many: a non-finite number is {@code null}, as in every JSON descent writes ({@link Json}).
     */
    public static String json(List<Delta> deltas) {
        StringBuilder b = new StringBuilder(1024).append("{\"series\":[");
        for (int i = 0; i < deltas.size(); i++) {
            Delta d = deltas.get(i);
            String head = Json.write(Json.object("key", d.key(), "label", d.label(), "group", d.group(), "seed", d.seed(),
                    "generation", d.generation(), "from", d.from(), "reset", d.reset(), "columns", d.columns()));
            b.append(i == 0 ? "" : ",").append(head, 0, head.length() - 1).append(",\"rows\":[");
            for (int r = 0; r < d.rows().size(); r++) {
                b.append(r == 0 ? "[" : ",[");
                double[] row = d.rows().get(r);
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        b.append(',');
                    }
                    number(b, row[c]);
                }
                b.append(']');
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }

    private static void number(StringBuilder b, double v) {
        if (!Double.isFinite(v)) {
            b.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            b.append((long) v);
        } else {
            b.append(v);
        }
    }
}
