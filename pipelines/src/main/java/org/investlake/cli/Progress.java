package org.investlake.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of long work on stderr: a bar on a terminal, plain numbered lines elsewhere (CI logs),
 * never on stdout where data goes.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final String task;
    private final long total;
    private long done;

    private Progress(ProgressBar bar, String task, long total) {
        this.bar = bar;
        this.task = task;
        this.total = total;
    }

    static Progress start(String task, long total) {
        if (System.console() != null && total > 1) {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
            return new Progress(bar, task, total);
        }
        return new Progress(null, task, total);
    }

    void step(String what) {
        done++;
        if (bar != null) {
            bar.setExtraMessage(" " + what);
            bar.stepTo(done - 1);
        } else if (total > 1) {
            System.err.printf("[%d/%d] %s %s%n", done, total, task, what);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(total);
            bar.close();
        }
    }
}
