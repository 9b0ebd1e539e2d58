/**
 * Networks built from layers, with one flat parameter array and preallocated activations, and the named
 * models (the reference CNN, an MLP, logistic regression).
 */
package dev.descent.model;
