/** Output plumbing shared by the commands: a small JSON writer and atomic file writes (temp file + rename). */
package dev.descent.io;
