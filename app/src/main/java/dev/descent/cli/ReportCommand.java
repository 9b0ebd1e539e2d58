package dev.descent.cli;

import dev.descent.report.Report;
import dev.descent.study.FolderLock;
import dev.descent.study.ResultsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code descent report DIR}: redraws a study's plots and report from its metrics.csv. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render a study's summary.json, plots and report.html from DIR/metrics.csv alone.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A study results folder (holding metrics.csv).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path html;
        try (FolderLock lock = ResultsFolder.lockForReport(dir)) {
            html = Report.fromMetrics(dir);
        }
        System.out.println("report: " + html.toAbsolutePath());
        return 0;
    }
}
