/**
 * descent: optimization algorithms for neural networks, and the engine that trains networks with them.
 *
 * <p>Packages, from the bottom up: {@code random} (seeded generators), {@code tensor} (flat parameter
 * memory with named views), {@code kernel} (matrix multiply and friends behind a swappable interface,
 * each fast kernel beside a slow reference), {@code init} (weight initializers), {@code layer} (layers
 * with forward and backward side by side), {@code model} (networks built from layers), {@code data}
 * (IDX files, named datasets, minibatches), {@code optim} and {@code schedule} (the optimizer and
 * learning-rate library), {@code train} (the training loop), {@code stats} (moving averages, sample
 * statistics and quantiles, shared by studies, reports and plots).
 */
package dev.descent;
