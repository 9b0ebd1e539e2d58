/**
 * Optimizers: one small final class per update rule behind {@link dev.descent.optim.Optimizer}, with the
 * update equations and the paper in its javadoc and its hyperparameters in a validated record whose
 * defaults are written once.
 */
package dev.descent.optim;
