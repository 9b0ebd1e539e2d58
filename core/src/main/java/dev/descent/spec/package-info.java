/**
 * Specs: the one syntax in which a user names a thing and its settings — an optimizer
 * ({@code adam(beta1=0.95, convention=tensorflow)}), a schedule ({@code step_decay(drop=0.5, epochs_drop=4)}),
 * a landscape function ({@code quadratic(condition=50)}), a landscape path
 * ({@code momentum(momentum=0.9, lr=0.1, schedule=cosine(decay_steps=200))}), a model or a dataset.
 *
 * <p>{@link dev.descent.spec.Spec} is the value (a name and ordered key/value pairs whose values are
 * {@link dev.descent.spec.Value}s: numbers, booleans, strings, lists and nested specs). It has one parser,
 * {@link dev.descent.spec.Spec#parse}, and one printer, {@link dev.descent.spec.Spec#toString}, with
 * {@code Spec.parse(s.toString()).equals(s)} for every spec. {@link dev.descent.spec.Registry} is the one
 * shape of every registry: entries with a name, a description, {@link dev.descent.spec.Param} descriptors
 * and a factory; it resolves names and rejects unknown keys with the same messages for every kind.
 *
 * <p>Invariants: specs are immutable and compare by value; a number keeps the text it was written with
 * (so errors quote what the user typed) but compares by its double; printing a number gives text that
 * reads back to the identical double.
 */
package dev.descent.spec;
