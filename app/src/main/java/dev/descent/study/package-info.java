/**
 * Studies: a declared comparison of optimizer configurations (study files in YAML, read through
 * {@link dev.descent.study.YamlFields}, which sweep files share; presets shipped in the jar), the runner that
 * trains every configuration × seed from the same initial weights on the same minibatches, the results folder
 * it writes run by run, atomically, so a killed study resumes without lost or duplicated rows, and the typed
 * figures of a finished study ({@link dev.descent.study.StudySummary}: a {@link dev.descent.study.RunSummary}
 * per run, a {@link dev.descent.study.ConfigSummary} per configuration), which summary.json serialises.
 * Training produces data here; plots and reports read it elsewhere ({@code dev.descent.report}).
 */
package dev.descent.study;
