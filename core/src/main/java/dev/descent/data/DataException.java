package dev.descent.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file or dataset that cannot be used: missing, malformed, truncated, or failing its checksum.
 *
 * <p>Checked (an {@link IOException}) because it comes from the file system and the network, which a
 * caller must expect to fail. The message always names the file or dataset and says what was wrong, in
 * words a user can act on:
 *
 * <pre>{@code
 * try {
 *     int[] labels = IdxReader.readLabels(path);
 * } catch (DataException e) {
 *     System.err.println(e.getMessage()); // "/data/t10k-labels-idx1-ubyte: wrong magic number: ..."
 * }
 * }</pre>
 */
public final class DataException extends IOException {

    /** A problem with no single file to blame (for example an unknown dataset name). */
    public DataException(String message) {
        super(message);
    }

    /** A problem with {@code file}; the message reads {@code "<file>: <problem>"}. */
    public DataException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem with {@code file} caused by a lower-level exception, kept as the cause. */
    public DataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
