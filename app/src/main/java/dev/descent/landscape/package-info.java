/**
 * {@code descent landscape}: optimizers watched on 2-D functions. {@link dev.descent.landscape.PathSpec} reads
 * an optimizer spec extended by {@code lr=} and {@code schedule=}; {@link dev.descent.landscape.Comparison} runs
 * (and tunes) every optimizer on one function; {@link dev.descent.landscape.LandscapePictures} draws the
 * contour plot, the gap plot and the animation and writes the paths CSV; {@link dev.descent.landscape.Gallery}
 * renders the standard set with an index.html.
 *
 * <p>The paths are data first: pictures are drawn from the same arrays the CSV holds.
 */
package dev.descent.landscape;
