/**
 * {@code descent landscape}'s optimizer spec: {@link dev.descent.landscape.PathSpec} reads an optimizer spec
 * extended by {@code lr=} and {@code schedule=}. The pictures drawn from the runs live in
 * {@link dev.descent.pictures}.
 */
package dev.descent.landscape;
