/**
 * Output plumbing shared by the commands: JSON on Jackson in one style for every file and line descent
 * writes, read back with validation ({@link dev.descent.io.Json}), and atomic file writes (temp file +
 * rename, {@link dev.descent.io.AtomicFiles}).
 */
package dev.descent.io;
