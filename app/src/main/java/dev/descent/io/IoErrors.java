package dev.descent.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns an I/O exception into the words a user acts on: what failed, without Java's class names. */
public final class IoErrors {
    private IoErrors() {
    }

    /** The reason of {@code e}, e.g. {@code permission denied}, {@code No space left on device}. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException x) {
            return "no such file or folder" + (x.getFile() != null ? " (" + x.getFile() + ")" : "");
        }
        if (e instanceof NotDirectoryException x) {
            return x.getFile() + " is not a folder";
        }
        if (e instanceof FileAlreadyExistsException x) {
            return x.getFile() + " already exists";
        }
        if (e instanceof FileSystemException x && x.getReason() != null) {
            return x.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
