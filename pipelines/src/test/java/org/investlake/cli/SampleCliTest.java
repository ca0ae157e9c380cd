package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample}'s, {@code maintain}'s and {@code bench}'s options as a user types them; nothing here needs Spark. */
class SampleCliTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void anUnknownScaleIsRefusedNamingTheThreeThereAre() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "sample", "--scale", "county", "--out", dir.toString());
        // picocli's usage error: exit 2, the value given and the values allowed
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("county").contains("CITY, PROVINCE, NATION");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theScaleIsReadInAnyCase() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the help writes it in lower case; --help stops before anything is written
        assertThat(run(out, err, "sample", "--scale", "Province", "--out", dir.toString(), "--help"))
                .isZero();
        assertThat(out.toString()).contains("--scale=SCALE");
    }

    @Test
    void maintainAndBenchSayWhatTheyDoWithoutStartingSpark() {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "maintain", "--help")).isZero();
        assertThat(out.toString()).contains("OPTIMIZE").contains("VACUUM").contains("760 days");
        StringWriter bench = new StringWriter();
        assertThat(run(bench, new StringWriter(), "bench", "--help")).isZero();
        assertThat(bench.toString()).contains("--months=N").contains("DuckDB");
        // a month count outside 2-12 is refused before any work
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "bench", "--months", "1", "--work", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("2 to 12");
        assertThat(dir).isEmptyDirectory();
    }
}
