package dev.descent.problem;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of a set of threads (the thread running a trial and its backend's workers), from
 * {@link ThreadMXBean#getThreadCpuTime}: what a trial cost in processor time whatever else the machine ran
 * meanwhile. NaN where the JVM does not measure thread CPU time.
 */
final class CpuTime {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private CpuTime() {
    }

    /** Seconds of CPU used so far by the calling thread and the threads {@code others}; NaN if not measurable. */
    static double seconds(long[] others) {
        if (!BEAN.isThreadCpuTimeSupported()) {
            return Double.NaN;
        }
        if (!BEAN.isThreadCpuTimeEnabled()) {
            BEAN.setThreadCpuTimeEnabled(true);
        }
        long nanos = BEAN.getCurrentThreadCpuTime();
        for (long id : others) {
            long t = BEAN.getThreadCpuTime(id);
            if (t > 0) {   // −1: the thread has ended
                nanos += t;
            }
        }
        return nanos / 1e9;
    }
}
