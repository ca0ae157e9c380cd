package org.investlake.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The peak of the used Java heap while it runs, read every 50 ms from the JVM's {@link MemoryMXBean} on a daemon
 * thread (a sampler, so a spike shorter than that can be missed; "used" counts garbage not yet collected, so this
 * is an upper bound of what the work needed, and never more than the maximum heap).
 */
final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakBytes;

    private HeapSampler() {
        thread = new Thread(this::sample, "bench-heap-sampler");
        thread.setDaemon(true);
    }

    static HeapSampler start() {
        HeapSampler s = new HeapSampler();
        s.sampleOnce();
        s.thread.start();
        return s;
    }

    /** The peak used heap so far, in MB. */
    long peakMb() {
        sampleOnce();
        return peakBytes / (1024 * 1024);
    }

    private void sample() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peakBytes) {
            peakBytes = used;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
