package org.investlake.sample;

/**
 * A column of a plain export table: its header (a word of schemas/FEED.yaml) and the kind of value
 * a row gives it — {@code String} text, a {@code Long} whole number, a {@code Long} amount or rate
 * in tenths (one decimal), a {@code LocalDate}; {@code null} is an empty cell.
 */
record Column(String name, Kind kind) {
    enum Kind {
        TEXT,
        WHOLE,
        TENTHS,
        DATE
    }

    static Column text(String name) {
        return new Column(name, Kind.TEXT);
    }

    static Column whole(String name) {
        return new Column(name, Kind.WHOLE);
    }

    static Column tenths(String name) {
        return new Column(name, Kind.TENTHS);
    }

    static Column date(String name) {
        return new Column(name, Kind.DATE);
    }
}
