package dev.descent.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see the old content or the new, never a part: a hidden temp file beside it
 * ({@code .NAME.HEX.tmp}), then a rename. The temp file is created like any other file, so the result has the
 * permissions the user's umask gives. A process killed between the two steps leaves only a temp file, which
 * {@link #removeLeftovers} deletes on the next run.
 *
 * <pre>{@code
 * AtomicFiles.write(dir.resolve("summary.json"), json);
 * AtomicFiles.write(dir.resolve("plot.png"), out -> ImageIO.write(image, "png", out));
 * }</pre>
 */
public final class AtomicFiles {
    private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.tmp");

    private AtomicFiles() {
    }

    /** What writes a file's bytes to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /**
     * Writes {@code file} from {@code content}; on any failure the file is as it was and the message names it
     * (e.g. {@code cannot write results/x/metrics.csv: No space left on device}).
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + IoErrors.reason(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temp files that killed writes left in {@code dir} and its sub-folders (one level down); returns
     * how many. Call it only while no other process writes there (a results folder is locked first).
     */
    public static int removeLeftovers(Path dir) throws IOException {
        int removed = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    try (DirectoryStream<Path> inner = Files.newDirectoryStream(p)) {
                        for (Path q : inner) {
                            removed += removeIfLeftover(q);
                        }
                    }
                } else {
                    removed += removeIfLeftover(p);
                }
            }
        }
        return removed;
    }

    private static int removeIfLeftover(Path p) throws IOException {
        return Files.isRegularFile(p) && LEFTOVER.matcher(p.getFileName().toString()).matches() && Files.deleteIfExists(p) ? 1 : 0;
    }
}
