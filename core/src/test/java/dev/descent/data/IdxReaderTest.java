package dev.descent.data;

import static dev.descent.data.IdxFixtures.concat;
import static dev.descent.data.IdxFixtures.gzip;
import static dev.descent.data.IdxFixtures.header;
import static dev.descent.data.IdxFixtures.images;
import static dev.descent.data.IdxFixtures.labels;
import static dev.descent.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private DataException imagesFailure(String name, byte[] bytes, String... expected) {
        Path file = write(dir.resolve(name), bytes);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertMessage(e, file, expected);
        return e;
    }

    private static void assertMessage(Exception e, Path file, String... expected) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "message should name the file: " + m);
        for (String s : expected) {
            assertTrue(m.contains(s), "message should contain \"" + s + "\": " + m);
        }
    }

    @Test
    void readImages_raw() throws Exception {
        Path file = write(dir.resolve("img"), concat(header(IdxReader.IMAGES_MAGIC, 2, 2, 3),
                new byte[]{0, 51, (byte) 255, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 128}));
        IdxReader.Images im = IdxReader.readImages(file);
        assertEquals(2, im.count());
        assertEquals(2, im.rows());
        assertEquals(3, im.cols());
        assertEquals(12, im.pixels().length);
        assertEquals(0f, im.pixels()[0]);
        assertEquals(0.2f, im.pixels()[1], 1e-7);
        assertEquals(1f, im.pixels()[2]);
        assertEquals(128 / 255f, im.pixels()[11]);
    }

    @Test
    void readImages_gzipDetectedByMagicNotName() throws Exception {
        byte[] raw = images(3, 4, 5, 9);
        Path gzNamedRaw = write(dir.resolve("images.raw"), gzip(raw));
        Path rawNamedGz = write(dir.resolve("images.gz"), raw);
        IdxReader.Images a = IdxReader.readImages(gzNamedRaw);
        IdxReader.Images b = IdxReader.readImages(rawNamedGz);
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(60, a.pixels().length);
        assertEquals(9 / 255f, a.pixels()[0]);
    }

    @Test
    void readLabels_rawAndGzip() throws Exception {
        byte[] raw = labels(3, 1, 4, 1, 5, 9, 2, 6);
        int[] expected = {3, 1, 4, 1, 5, 9, 2, 6};
        assertArrayEquals(expected, IdxReader.readLabels(write(dir.resolve("l"), raw)));
        assertArrayEquals(expected, IdxReader.readLabels(write(dir.resolve("l.gz"), gzip(raw))));
    }

    @Test
    void readImages_emptyFile() {
        imagesFailure("empty", new byte[0], "empty file", "0x00000803");
    }

    @Test
    void readImages_emptyGzip() {
        imagesFailure("empty.gz", gzip(new byte[0]), "empty file");
    }

    @Test
    void readImages_truncatedHeader() {
        imagesFailure("short", Arrays.copyOf(header(IdxReader.IMAGES_MAGIC, 10, 28, 28), 10),
                "truncated header: expected 16 bytes, found 10");
        imagesFailure("shorter", new byte[]{0, 0}, "truncated header: expected 16 bytes, found 2");
    }

    @Test
    void readImages_truncatedPixelsRaw() {
        byte[] full = images(2, 2, 3, 0);
        imagesFailure("trunc", Arrays.copyOf(full, full.length - 5), "truncated: expected 12 bytes of pixel data, found 7");
    }

    @Test
    void readImages_truncatedPixelsInsideGzip() {
        byte[] full = images(2, 2, 3, 0);
        imagesFailure("trunc.gz", gzip(Arrays.copyOf(full, full.length - 5)),
                "truncated: expected 12 bytes of pixel data, found 7");
    }

    @Test
    void readImages_truncatedGzipStream() {
        byte[] noise = new byte[200_000];
        new Random(1).nextBytes(noise); // incompressible: the cut lands inside the pixel data
        byte[] gz = gzip(concat(header(IdxReader.IMAGES_MAGIC, 2000, 10, 10), noise));
        imagesFailure("cut.gz", Arrays.copyOf(gz, gz.length / 2), "truncated: expected 200000 bytes of pixel data, found");
    }

    @Test
    void readImages_trailingData() {
        imagesFailure("trailing", concat(images(2, 2, 3, 0), new byte[]{1}), "trailing data");
        imagesFailure("trailing.gz", gzip(concat(images(2, 2, 3, 0), new byte[]{1, 2})), "trailing data");
    }

    @Test
    void readImages_wrongMagic() {
        imagesFailure("labels", labels(1, 2, 3), "wrong magic number", "expected 0x00000803", "found 0x00000801",
                "labels file");
        imagesFailure("text", "hello, world, this is text".getBytes(), "expected 0x00000803", "found 0x68656C6C",
                "not an IDX file");
    }

    @Test
    void readLabels_wrongMagic() {
        Path file = write(dir.resolve("images-as-labels"), images(1, 2, 2, 0));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(file));
        assertMessage(e, file, "expected 0x00000801", "found 0x00000803");
    }

    @Test
    void readImages_corruptedGzip() {
        byte[] gz = gzip(images(50, 28, 28, 3));
        for (int i = 20; i < gz.length - 20; i += 7) {
            gz[i] ^= 0x5A;
        }
        imagesFailure("corrupt.gz", gz);
    }

    @Test
    void readImages_corruptedGzipHeader() {
        imagesFailure("badheader.gz", new byte[]{0x1f, (byte) 0x8b, 0x01, 0x00}, "gzip");
    }

    @Test
    void readImages_zeroOrNegativeDimension() {
        imagesFailure("zero", concat(header(IdxReader.IMAGES_MAGIC, 0, 28, 28)), "dimension 0 is 0; allowed 1..");
        imagesFailure("negative", concat(header(IdxReader.IMAGES_MAGIC, 5, -1, 28)), "dimension 1 is 4294967295");
    }

    @Test
    void readImages_hugeDeclaredSizeTinyFile() {
        imagesFailure("huge", concat(header(IdxReader.IMAGES_MAGIC, 1 << 24, 1 << 24, 1 << 24), new byte[10]),
                "header declares more than", "corrupted header");
        imagesFailure("toolong", concat(header(IdxReader.IMAGES_MAGIC, 1 << 25, 28, 28), new byte[10]),
                "dimension 0 is 33554432");
    }

    @Test
    void readImages_largeDeclaredSizeTinyFileAllocatesOnlyWhatArrives() {
        // 2 GB declared, 10 bytes present: must report truncation, not allocate 2 GB (the test heap is 4 GB,
        // so a few such allocations would fail with OutOfMemoryError).
        byte[] file = concat(header(IdxReader.IMAGES_MAGIC, 2_700_000, 28, 28), new byte[10]);
        for (int i = 0; i < 3; i++) {
            imagesFailure("big" + i, file, "truncated: expected 2116800000 bytes of pixel data, found 10");
            imagesFailure("big" + i + ".gz", gzip(file), "truncated: expected 2116800000 bytes of pixel data, found 10");
        }
    }

    @Test
    void readImages_missingFile() {
        Path file = dir.resolve("nope");
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertMessage(e, file, "file not found");
    }

    @Test
    void read_combinesImagesAndLabels() throws Exception {
        Path im = write(dir.resolve("im"), images(3, 2, 2, 0));
        Path lb = write(dir.resolve("lb"), labels(0, 9, 4));
        Dataset d = IdxReader.read("tiny", im, lb, 10);
        assertEquals(3, d.count());
        assertEquals(2, d.height());
        assertEquals(2, d.width());
        assertEquals(1, d.channels());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[]{0, 9, 4}, d.labels());
    }

    @Test
    void read_labelOutOfRange() {
        Path im = write(dir.resolve("im"), images(3, 2, 2, 0));
        Path lb = write(dir.resolve("lb"), labels(0, 10, 4));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read("tiny", im, lb, 10));
        assertMessage(e, lb, "label 10 of example 1", "allowed range 0..9");
    }

    @Test
    void read_countMismatch() {
        Path im = write(dir.resolve("im"), images(3, 2, 2, 0));
        Path lb = write(dir.resolve("lb"), labels(0, 1));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read("tiny", im, lb, 10));
        assertMessage(e, lb, "holds 2 labels", im.toString(), "holds 3 images");
    }
}
