package dev.descent.serve;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a page has read each series of a folder: per series key, the file's generation and the number of rows
 * sent. It travels as the event id of every server-sent event, so a page that reconnects sends it back as
 * {@code Last-Event-ID} and gets exactly the rows after it: no gap, no duplicate. Text form:
 * {@code KEY~GEN~COUNT|KEY~GEN~COUNT}, keys URL-encoded (so neither separator occurs in them).
 *
 * <pre>{@code
 * Cursor c = Cursor.parse(exchange.getRequestHeaders().getFirst("Last-Event-ID"));  // empty if absent or garbled
 * }</pre>
 */
public record Cursor(Map<String, Position> positions) {
    /** A series' generation and the rows sent of it. */
    public record Position(int generation, int count) {
    }

    /** Ids longer than this are not ours: read as empty (the page then gets everything again, replacing what it has). */
    static final int MAX_TEXT = 1 << 20;

    public Cursor {
        positions = Map.copyOf(positions);
    }

    public static Cursor empty() {
        return new Cursor(Map.of());
    }

    /** The cursor in {@code text}, or the empty one if {@code text} is null, too long or not a cursor. */
    public static Cursor parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            return empty();
        }
        Map<String, Position> out = new LinkedHashMap<>();
        try {
            for (String part : text.strip().split("\\|", -1)) {
                String[] f = part.split("~", -1);
                if (f.length != 3) {
                    return empty();
                }
                int gen = Integer.parseInt(f[1]), count = Integer.parseInt(f[2]);
                if (gen < 0 || count < 0) {
                    return empty();
                }
                out.put(URLDecoder.decode(f[0], StandardCharsets.UTF_8), new Position(gen, count));
            }
        } catch (IllegalArgumentException e) {
            return empty();
        }
        return new Cursor(out);
    }

    /** The text form, keys in sorted order (so equal cursors print equal). */
    public String text() {
        StringBuilder b = new StringBuilder();
        positions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!b.isEmpty()) {
                b.append('|');
            }
            b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('~').append(e.getValue().generation())
                    .append('~').append(e.getValue().count());
        });
        return b.toString();
    }

    /** The positions whose keys start with {@code prefix}, the prefix removed: one folder's part of a stream's cursor. */
    public Cursor within(String prefix) {
        Map<String, Position> out = new LinkedHashMap<>();
        positions.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return new Cursor(out);
    }

    /** This cursor with the part under {@code prefix} replaced by {@code part} (its keys prefixed). */
    public Cursor with(String prefix, Cursor part) {
        Map<String, Position> out = new LinkedHashMap<>();
        positions.forEach((k, v) -> {
            if (!k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        part.positions().forEach((k, v) -> out.put(prefix + k, v));
        return new Cursor(out);
    }
}
