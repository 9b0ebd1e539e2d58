/**
 * Layers, each with forward and backward side by side and its shapes in comments. Activations are flat
 * NHWC float arrays preallocated by the network; parameters and gradients live in the network's flat
 * {@link dev.descent.tensor.Parameters}. Forward and backward allocate nothing.
 */
package dev.descent.layer;
