/**
 * Data: IDX files (the MNIST format), named datasets and where they are found, and minibatching.
 *
 * <p>Invariants: pixels are floats in [0, 1] stored NHWC (one image after another, channels last);
 * labels are ints in [0, classes). Readers validate every header field and fail with the file name and
 * what was wrong. The order of minibatches depends only on a seed, so runs with different optimizers
 * see the same batches.
 */
package dev.descent.data;
