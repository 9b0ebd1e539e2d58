/**
 * Pictures of optimizer paths on 2-D functions, and the gallery of them: what {@code descent landscape} draws.
 * {@link dev.descent.pictures.LandscapePictures} draws the contour plot, the gap plot and the animation and
 * writes the paths CSV; {@link dev.descent.pictures.Gallery} renders the standard set with an index.html.
 *
 * <p>The paths are data first: pictures are drawn from the same arrays the CSV holds. The functions, the
 * path runner and the comparison that runs (and tunes) every optimizer on one function live in core's
 * {@link dev.descent.landscape}; the charts in {@link dev.descent.plot}.
 */
package dev.descent.pictures;
