/**
 * Sweeps on Apache Spark: {@code descent sweep FILE --spark MASTER}, or {@code spark-submit --class
 * dev.descent.spark.SparkMain}. The sweep's driver ({@code SweepRunner}) is unchanged and writes the results folder
 * as locally; each unit runs as a one-task Spark job ({@code SparkSweepExecutor}) on an executor ({@code OnExecutor}),
 * which answers its outcome as bytes ({@code UnitResult}). Invariant: a unit's numbers are bit-identical wherever it
 * runs; a descent failure (bad configuration, missing data) is an answer, never a Spark retry.
 */
package dev.descent.spark;
