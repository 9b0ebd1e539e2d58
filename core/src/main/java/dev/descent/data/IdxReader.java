package dev.descent.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A strict reader of IDX files, the format of MNIST and Fashion-MNIST: a big-endian magic number
 * {@code 0x0000TTDD} (TT = 0x08 for unsigned bytes, DD = number of dimensions), one 32-bit size per
 * dimension, then the data.
 *
 * <p>Files may be gzip-compressed or raw; gzip is recognised by its magic bytes {@code 1f 8b}, not by the
 * file name. Every header field is validated, and the data must be exactly as long as the header says:
 * a short file fails with "truncated", extra bytes fail with "trailing data". Memory grows only with the
 * bytes actually read, so a corrupted header declaring billions of pixels cannot exhaust the heap. Every
 * failure is a {@link DataException} naming the file.
 *
 * <pre>{@code
 * Dataset test = IdxReader.read("mnist", dir.resolve("t10k-images-idx3-ubyte.gz"),
 *         dir.resolve("t10k-labels-idx1-ubyte.gz"), 10);
 * // or piece by piece:
 * IdxReader.Images images = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
 * int[] labels = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte images: 3 dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels: 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Largest size of one dimension; far above any real image set, far below overflow. */
    static final int MAX_DIMENSION = 1 << 24;
    /** Largest data section: the largest byte array Java can allocate. */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;

    private IdxReader() {
    }

    /**
     * Images of an IDX file: {@code count} images of {@code rows × cols} pixels, row-major, one image
     * after another, scaled from bytes to [0, 1] by {@code / 255f}.
     */
    public record Images(Path file, int count, int rows, int cols, float[] pixels) {
    }

    /** Reads an images file (magic {@code 0x00000803}). */
    public static Images readImages(Path file) throws DataException {
        Idx idx = readIdx(file, IMAGES_MAGIC, "images");
        float[] pixels = new float[idx.data.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (idx.data[i] & 0xFF) / 255f;
        }
        return new Images(file, idx.dims[0], idx.dims[1], idx.dims[2], pixels);
    }

    /** Reads a labels file (magic {@code 0x00000801}); values are 0..255, checked later against the classes. */
    public static int[] readLabels(Path file) throws DataException {
        byte[] data = readIdx(file, LABELS_MAGIC, "labels").data;
        int[] labels = new int[data.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data[i] & 0xFF;
        }
        return labels;
    }

    /**
     * Reads an images file and a labels file into a dataset of single-channel images.
     *
     * @throws DataException if either file is malformed, their counts differ, or a label is outside
     *                       {@code [0, classes)}
     */
    public static Dataset read(String name, Path imagesFile, Path labelsFile, int classes) throws DataException {
        return dataset(name, readImages(imagesFile), readLabels(labelsFile), labelsFile, classes);
    }

    /**
     * Combines images with labels read from {@code labelsFile}, checking that the counts agree and every
     * label is in {@code [0, classes)}.
     */
    public static Dataset dataset(String name, Images images, int[] labels, Path labelsFile, int classes)
            throws DataException {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        if (labels.length != images.count()) {
            throw new DataException(labelsFile, "holds " + labels.length + " labels but " + images.file()
                    + " holds " + images.count() + " images; the two files must describe the same examples");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new DataException(labelsFile, "label " + labels[i] + " of example " + i
                        + " is outside the allowed range 0.." + (classes - 1));
            }
        }
        return new Dataset(name, images.pixels(), labels, images.count(), images.rows(), images.cols(), 1, classes);
    }

    private record Idx(int[] dims, byte[] data) {
    }

    private static Idx readIdx(Path file, int magic, String kind) throws DataException {
        int dimCount = magic & 0xFF;
        try (InputStream in = open(file)) {
            byte[] first = in.readNBytes(4);
            if (first.length == 0) {
                throw new DataException(file, "empty file; expected an IDX " + kind + " file starting with magic "
                        + hex(magic));
            }
            if (first.length < 4) {
                throw new DataException(file, "truncated header: expected " + (4 + 4 * dimCount)
                        + " bytes, found " + first.length);
            }
            int found = bigEndian(first, 0);
            if (found != magic) {
                throw new DataException(file, "wrong magic number: expected " + hex(magic) + " (IDX " + kind + ", "
                        + dimCount + " dimension" + (dimCount == 1 ? "" : "s") + "), found " + hex(found)
                        + hint(found));
            }
            byte[] header = in.readNBytes(4 * dimCount);
            if (header.length < 4 * dimCount) {
                throw new DataException(file, "truncated header: expected " + (4 + 4 * dimCount)
                        + " bytes, found " + (4 + header.length));
            }
            int[] dims = new int[dimCount];
            long size = 1;
            for (int d = 0; d < dimCount; d++) {
                dims[d] = bigEndian(header, 4 * d);
                if (dims[d] <= 0 || dims[d] > MAX_DIMENSION) {
                    throw new DataException(file, "dimension " + d + " is " + Integer.toUnsignedLong(dims[d])
                            + "; allowed 1.." + MAX_DIMENSION + " (corrupted header?)");
                }
                size *= dims[d]; // cannot overflow: size <= MAX_DATA_BYTES < 2^31 and dims[d] <= 2^24
                if (size > MAX_DATA_BYTES) {
                    throw new DataException(file, "header declares more than " + MAX_DATA_BYTES + " bytes of data "
                            + "(dimensions " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                            + "...); that is more than Java can hold (corrupted header?)");
                }
            }
            String unit = magic == IMAGES_MAGIC ? "pixel" : "label";
            byte[] data = readExactly(in, (int) size, file, unit);
            if (in.read() != -1) {
                throw new DataException(file, "trailing data after the " + size + " bytes of " + unit
                        + " data declared by the header");
            }
            return new Idx(dims, data);
        } catch (DataException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new DataException(file, "file not found", e);
        } catch (IOException e) {
            throw new DataException(file, "cannot read " + kind + " file (corrupted gzip data?): " + e, e);
        }
    }

    /** Raw or gzip stream, told apart by the first two bytes. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                in.close();
                throw new DataException(file, "corrupted gzip header: " + e.getMessage(), e);
            }
        }
        return in;
    }

    /**
     * Reads {@code size} bytes, growing the buffer only as bytes arrive, so a header that lies about the
     * size costs no more memory than the file really holds.
     */
    private static byte[] readExactly(InputStream in, int size, Path file, String unit) throws DataException {
        byte[] buf = new byte[Math.min(size, CHUNK)];
        int n = 0;
        try {
            while (n < size) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            throw truncated(file, unit, size, n, " (compressed stream ended early: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(file, "corrupted data after " + n + " of " + size + " bytes of " + unit
                    + " data: " + e, e);
        }
        if (n < size) {
            throw truncated(file, unit, size, n, "", null);
        }
        return buf;
    }

    private static DataException truncated(Path file, String unit, int size, int found, String detail, Throwable cause) {
        return new DataException(file, "truncated: expected " + size + " bytes of " + unit + " data, found "
                + found + detail, cause);
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static String hint(int found) {
        if (found == IMAGES_MAGIC) {
            return " (this is an images file)";
        }
        if (found == LABELS_MAGIC) {
            return " (this is a labels file)";
        }
        if ((found & 0xFFFF0000) != 0) {
            return " (not an IDX file)";
        }
        return "";
    }
}
