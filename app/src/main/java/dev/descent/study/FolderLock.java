package dev.descent.study;

import dev.descent.io.IoErrors;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An exclusive lock on a results folder ({@code DIR/.lock}), held while a process trains or writes there, so
 * two processes resuming one folder cannot both train. The file says who holds it (process, host, since when);
 * the operating system releases the lock when the process ends, however it ends, so a stale file never blocks.
 *
 * <pre>{@code
 * try (FolderLock lock = FolderLock.acquire(dir)) {
 *     ... train and write into dir ...
 * }
 * }</pre>
 */
public final class FolderLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir}, or fails at once with a message naming the holder.
     *
     * @throws IOException if another process (or this one) holds it, or the lock file cannot be made
     */
    public static FolderLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot lock " + dir + " (creating " + file + "): " + IoErrors.reason(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IOException(dir + " is in use by " + holder + "; wait for it to finish (or stop it), then try again");
        }
        String me = "process " + ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new FolderLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(256);
            channel.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "another process" : s;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }

    /** Releases the lock; the file stays (it is harmless without a lock on it). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
