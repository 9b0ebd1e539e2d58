package dev.descent.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a small UTF-8 text file the user hands descent (a study file), refusing before parsing what a parser
 * would choke on: a folder, a missing or unreadable file, one larger than a bound (parsers can take time
 * that grows faster than the input), binary content, UTF-16 or UTF-32, bytes that are not UTF-8. Every
 * refusal is an {@link IllegalArgumentException} naming the file and what is wrong. A UTF-8 byte order mark is dropped.
 *
 * <pre>{@code
 * String yaml = TextFiles.read(file, "study file", TextFiles.MAX_BYTES);
 * }</pre>
 */
public final class TextFiles {
    /** 1 MiB: a study file is a few hundred bytes; a hand-written one is never near this. */
    public static final long MAX_BYTES = 1 << 20;

    private TextFiles() {
    }

    public static String read(Path file, String what, long maxBytes) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " " + file + " is a folder, not a file");
        }
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new IllegalArgumentException(what + " " + file + " is " + size + " bytes; at most " + maxBytes
                        + " (" + (maxBytes >> 10) + " KiB) are read");
            }
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) maxBytes + 1); // a file may grow, or be a pipe of unknown size
            }
            if (bytes.length > maxBytes) {
                throw new IllegalArgumentException(what + " " + file + " is larger than " + maxBytes + " bytes, the most that is read");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + IoErrors.reason(e));
        }
        String encoding = unicodeBom(bytes);
        if (encoding != null) {
            throw new IllegalArgumentException(what + " " + file + " is " + encoding + " text; save it as UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new IllegalArgumentException(what + " " + file + " is not UTF-8 text (a zero byte at offset " + i
                        + ": a binary file, or UTF-16); save it as UTF-8");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " " + file + " is not UTF-8 text (an invalid byte near line "
                    + firstInvalidLine(bytes) + "); save it as UTF-8");
        }
    }

    private static String unicodeBom(byte[] b) {
        if (b.length >= 4 && (b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xfe && (b[3] & 0xff) == 0xff
                || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe && b[2] == 0 && b[3] == 0)) {
            return "UTF-32";
        }
        if (b.length >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)) {
            return "UTF-16";
        }
        return null;
    }

    private static int firstInvalidLine(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int line = 1, start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }
}
