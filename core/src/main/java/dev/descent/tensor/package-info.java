/**
 * Flat memory. A model's parameters are one {@code float[]} with named {@link dev.descent.tensor.ParamView}s
 * (offset, shape); gradients use the very same layout in a second array; optimizer state is buffers of the
 * same length. Nothing here allocates after construction.
 */
package dev.descent.tensor;
