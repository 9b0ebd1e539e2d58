package dev.descent.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for tests. */
final class IdxFixtures {
    private IdxFixtures() {
    }

    /** An IDX header: magic then each dimension, big-endian. */
    static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A complete images file; pixel {@code i} of the whole file has value {@code (seed + i) % 256}. */
    static byte[] images(int count, int rows, int cols, int seed) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (seed + i);
        }
        return concat(header(IdxReader.IMAGES_MAGIC, count, rows, cols), data);
    }

    static byte[] labels(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return concat(header(IdxReader.LABELS_MAGIC, values.length), data);
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The four files of a 28x28, 10-class dataset in {@code dir}: {@code trainCount} train images (so tests
     * can tell folders apart by it) and 3 test images, gzipped or raw.
     */
    static void writeDataset(Path dir, int trainCount, boolean gz) {
        int[] trainLabels = new int[trainCount];
        for (int i = 0; i < trainCount; i++) {
            trainLabels[i] = i % 10;
        }
        byte[][] files = {images(trainCount, 28, 28, 0), labels(trainLabels), images(3, 28, 28, 7), labels(9, 0, 5)};
        for (int i = 0; i < files.length; i++) {
            String name = Datasets.FILES.get(i);
            write(dir.resolve(gz ? name : name.replace(".gz", "")), gz ? gzip(files[i]) : files[i]);
        }
    }
}
