/** The {@code descent} command line: one picocli subcommand per job (train, study, report, bench, ...). */
package dev.descent.cli;
