package dev.descent.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What every executor needs to run any unit of one sweep, broadcast once per sweep: the sweep as its
 * {@code sweep.yaml} text, where the data is, the data's SHA-256 as the driver loaded it (an executor that loads
 * other bytes refuses to run), and the kernel threads of a unit.
 *
 * @param id        tells this sweep's cached workbenches from another's in the same executor
 * @param sweepYaml {@code SweepFile.write} of the sweep
 * @param dataDir   the driver's {@code --data-dir} (or {@code $DESCENT_DATA}), a path every node must read; {@code null}:
 *                  each executor's own lookup order ({@code $DESCENT_DATA}, the cache, a download)
 * @param dataSha   by problem name, the SHA-256 of its data with its validation split held out (none for a synthetic problem)
 */
record SweepJob(String id, String sweepYaml, String dataDir, Map<String, String> dataSha, int threads) implements Serializable {
    SweepJob {
        dataSha = Map.copyOf(dataSha);
    }
}
