/**
 * Data: IDX files (the MNIST format), named datasets and where they are found, and minibatching.
 *
 * <ul>
 *   <li>{@link dev.descent.data.Dataset}: images and labels in memory, one flat NHWC array;
 *       {@link dev.descent.data.Dataset.Split}: train, an optional validation set, and test.</li>
 *   <li>{@link dev.descent.data.Validation}: which training examples are held out for validation
 *       ({@code none}, {@code tf1} = TF1's first 5000, or {@code N} stratified by class), applied by
 *       {@link dev.descent.data.Dataset.Split#holdOut}.</li>
 *   <li>{@link dev.descent.data.IdxReader}: strict reading of raw or gzipped IDX files.</li>
 *   <li>{@link dev.descent.data.Datasets}: the catalog ("mnist", "fashion-mnist"): local lookup in
 *       {@code --data-dir}, {@code $DESCENT_DATA}, the user cache and Debian's folder, then verified
 *       downloads through a {@link dev.descent.data.Fetcher}, reporting {@link dev.descent.data.Progress}.</li>
 *   <li>{@link dev.descent.data.Minibatches}: seeded, per-epoch shuffled batches, filled without allocation.</li>
 * </ul>
 *
 * <p>Invariants: pixels are floats in [0, 1] stored NHWC (one image after another, channels last);
 * labels are ints in [0, classes). Readers validate every header field and fail with a
 * {@link dev.descent.data.DataException} naming the file and what was wrong; malformed input never hangs,
 * never allocates more than the file holds, and never escapes as a bare low-level exception. A downloaded
 * file is moved into place only after its SHA-256 matched. The order of minibatches depends only on a
 * seed, so runs with different optimizers see the same batches. A validation split depends on no seed at
 * all: it is disjoint from the training set, together with it is the original training set, and both keep
 * the original order; the test set is never touched.
 */
package dev.descent.data;
