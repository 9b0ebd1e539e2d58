/**
 * Charts drawn from data: line charts of training curves, contour plots of 2-D functions with optimizer
 * paths, and animated GIFs of those paths. Pure JDK (Java2D, {@code javax.imageio}); the
 * statistics drawn (EMA, per-step mean and spread across seeds) come from {@code dev.descent.stats}.
 *
 * <p>Invariants this package keeps:
 * <ul>
 *   <li><b>Pictures only from data.</b> Charts take arrays and records; nothing here runs training.</li>
 *   <li><b>One drawing code, two outputs.</b> Every chart draws on a {@link dev.descent.plot.Canvas};
 *       {@link dev.descent.plot.SvgCanvas} writes SVG markup and {@link dev.descent.plot.PngCanvas} paints a
 *       {@link java.awt.image.BufferedImage} — the pictures match because the geometry is computed once.</li>
 *   <li><b>Bad numbers never throw.</b> NaN and infinities in series are skipped (the line breaks there);
 *       non-positive values are skipped on a log axis.</li>
 *   <li><b>Bounded output.</b> Curves are clipped to the plot area and decimated to a few points per pixel
 *       column; SVG coordinates carry one decimal, so thousands of points stay small.</li>
 *   <li><b>The y axis follows what is compared.</b> Context series (a raw signal behind its smoothed curve, a
 *       min–max {@link dev.descent.plot.Envelope} of a long one) never set the range; a chart may ignore outliers
 *       by TensorBoard's quantile rule ({@code LineChart.Builder.yIgnoreOutliers}).</li>
 *   <li><b>Headless.</b> {@code java.awt.headless} is set to {@code true} before AWT is touched, unless the
 *       caller already chose a value.</li>
 * </ul>
 *
 * <pre>{@code
 * SeriesStats adam = SeriesStats.of(adamLossPerSeed);        // dev.descent.stats; runs may stop early
 * LineChart chart = LineChart.builder()
 *         .title("Training loss").xLabel("step").yLabel("loss").yLog()
 *         .add(LineChart.Series.of("adam (mean of 3 seeds)", steps, adam.mean()).band(adam.min(), adam.max()))
 *         .smoothed("sgd", steps, sgdLoss, 0.9)             // faint raw curve + bold EMA
 *         .build();
 * chart.writePng(Path.of("loss.png"));
 * chart.writeSvg(Path.of("loss.svg"));
 * }</pre>
 */
package dev.descent.plot;
