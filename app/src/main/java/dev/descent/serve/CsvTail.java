package dev.descent.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One CSV file as it is read while something may be writing it: only complete lines (ending in a newline) are ever
 * parsed, so a half-written last line stays unread until its newline arrives. An appended file is read from where the
 * last read stopped; a replaced file (another inode, or shorter) is read again from the start, and if its rows are no
 * longer an extension of the rows read before, {@link #generation()} goes up so a reader knows to start over.
 *
 * <p>Cells are numbers; an empty cell (an evaluation that did not happen) or one that is not a number is NaN: this
 * is a viewer, not the validator ({@code MetricsCsv} is). Columns named {@code optimizer}, {@code problem} or
 * {@code kind} hold names, not numbers, and are left out.
 *
 * <pre>{@code
 * CsvTail tail = new CsvTail(dir.resolve("runs/adam__seed1.csv"));
 * tail.refresh();                       // reads what was appended since the last call
 * List<double[]> rows = tail.rows();    // complete lines only
 * }</pre>
 */
public final class CsvTail {
    private static final List<String> NAMES = List.of("optimizer", "problem", "kind");
    /** A line longer than this is not a metrics row; reading stops there rather than holding the file in memory. */
    static final int MAX_LINE = 1 << 16;

    private final Path file;
    private Object fileKey;
    private long size = -1, modified = -1, offset;
    private List<String> columns = List.of();
    private int[] keep = new int[0];
    private List<double[]> rows = new ArrayList<>();
    private int generation;
    private boolean headerRead;

    public CsvTail(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The numeric columns, in file order; empty until the header line is complete. */
    public List<String> columns() {
        return columns;
    }

    /** The rows read so far (complete lines only); the list is replaced, never changed, so a caller may keep it. */
    public List<double[]> rows() {
        return rows;
    }

    /** Goes up each time the file was replaced by one whose rows do not extend those read before. */
    public int generation() {
        return generation;
    }

    /**
     * Reads what changed since the last call.
     *
     * @return whether anything changed; false also when the file is gone (its rows are kept)
     */
    public synchronized boolean refresh() throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return false;
        }
        long m = a.lastModifiedTime().toMillis();
        boolean replaced = fileKey != null && !Objects.equals(fileKey, a.fileKey()) || a.size() < offset;
        if (!replaced && a.size() == size && m == modified) {
            return false;
        }
        List<double[]> before = rows;
        List<String> columnsBefore = columns;
        if (replaced || fileKey == null) {
            offset = 0;
            headerRead = false;
            columns = List.of();
            rows = new ArrayList<>();
        }
        fileKey = a.fileKey();
        size = a.size();
        modified = m;
        readFromOffset();
        if (replaced && !(columns.equals(columnsBefore) && extendsRows(rows, before))) {
            generation++;
        }
        return true;
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

    private void readFromOffset() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            if (end <= offset) {
                return;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(end - offset, 1 << 20));
            List<double[]> added = new ArrayList<>(rows);
            byte[] pending = new byte[0];
            long pos = offset;
            while (pos < end) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                pos += n;
                byte[] chunk = new byte[pending.length + n];
                System.arraycopy(pending, 0, chunk, 0, pending.length);
                System.arraycopy(buf.array(), 0, chunk, pending.length, n);
                int start = 0;
                for (int i = 0; i < chunk.length; i++) {
                    if (chunk[i] == '\n') {
                        line(new String(chunk, start, i - start, StandardCharsets.UTF_8), added);
                        offset += i - start + 1;
                        start = i + 1;
                    }
                }
                pending = Arrays.copyOfRange(chunk, start, chunk.length);
                if (pending.length > MAX_LINE) {
                    break;
                }
            }
            rows = added;
        }
    }

    private void line(String text, List<double[]> out) {
        String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (!headerRead) {
            headerRead = true;
            String[] names = line.split(",", -1);
            List<String> cols = new ArrayList<>();
            int[] k = new int[names.length];
            int n = 0;
            for (int i = 0; i < names.length; i++) {
                String c = names[i].strip();
                if (!NAMES.contains(c)) {
                    cols.add(c);
                    k[n++] = i;
                }
            }
            columns = List.copyOf(cols);
            keep = Arrays.copyOf(k, n);
            return;
        }
        if (line.isBlank()) {
            return;
        }
        String[] cells = line.split(",", -1);
        double[] row = new double[keep.length];
        for (int j = 0; j < keep.length; j++) {
            row[j] = keep[j] < cells.length ? number(cells[keep[j]]) : Double.NaN;
        }
        out.add(row);
    }

    private static double number(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The complete lines of {@code file} (up to its last newline), split into cells: for small tables read whole, such
     * as a sweep's {@code trials.csv}. Empty if the file is missing.
     */
    public static List<List<String>> completeLines(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        List<List<String>> out = new ArrayList<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.isBlank()) {
                out.add(List.of(l.split(",", -1)));
            }
        }
        return out;
    }
}
