package dev.descent.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The served roots, and the one way a request's path becomes a file: percent-decoded strictly, split into segments,
 * each a plain name (no {@code ..}, {@code .}, empty, hidden, backslash or control character), resolved under a
 * root and accepted only if its real path (symlinks followed) is still inside the root's real path. Anything else
 * is absent, so the server answers 404 without saying why.
 *
 * <pre>{@code
 * SafePaths roots = SafePaths.of(List.of(Path.of("results")));
 * Optional<Path> png = roots.file("0/mnist/plots/loss.png");   // root 0, then the path inside it
 * }</pre>
 */
public final class SafePaths {
    private final List<Path> roots;

    private SafePaths(List<Path> roots) {
        this.roots = roots;
    }

    /** The roots, each an existing folder (checked here, at the edge, with the path in the message). */
    public static SafePaths of(List<Path> dirs) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException(d + " is not a folder: descent serve shows the results folders under the folders it is given");
            }
            real.add(d.toRealPath());
        }
        if (real.isEmpty()) {
            throw new IllegalArgumentException("descent serve needs at least one folder");
        }
        return new SafePaths(List.copyOf(real));
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * The folder named by {@code id} ({@code ROOT/SEGMENT/...}, already percent-decoded or not), if it is a real
     * folder inside its root.
     */
    public Optional<Path> folder(String id) {
        return resolve(id).filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** The regular file named by {@code id} ({@code ROOT/SEGMENT/...}), if it is inside its root. */
    public Optional<Path> file(String id) {
        return resolve(id).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** The id of a path inside root {@code root}: {@code ROOT/a/b}, or {@code ROOT} for the root itself. */
    public String id(int root, Path inside) {
        Path rel = roots.get(root).relativize(inside);
        String r = rel.toString().replace('\\', '/');
        return r.isEmpty() ? Integer.toString(root) : root + "/" + r;
    }

    private Optional<Path> resolve(String id) {
        List<String> segments = segments(id);
        if (segments == null || segments.isEmpty() || !segments.getFirst().matches("\\d{1,4}")) {
            return Optional.empty();
        }
        int r = Integer.parseInt(segments.getFirst());
        if (r >= roots.size()) {
            return Optional.empty();
        }
        Path root = roots.get(r), p = root;
        for (String s : segments.subList(1, segments.size())) {
            p = p.resolve(s);
        }
        try {
            Path real = p.toRealPath(); // follows symlinks: one leading out of the root fails the check below
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The plain segments of {@code raw} after strict percent-decoding, or null if any is not a plain name. */
    static List<String> segments(String raw) {
        String decoded = decode(raw);
        if (decoded == null || decoded.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : decoded.split("/", -1)) {
            if (s.isEmpty() || s.startsWith(".") || s.indexOf('\\') >= 0 || s.indexOf(':') >= 0 || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /** Percent-decodes {@code raw} as UTF-8; null for a broken escape or invalid UTF-8 ({@code +} stays a plus). */
    static String decode(String raw) {
        if (raw == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16), lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
