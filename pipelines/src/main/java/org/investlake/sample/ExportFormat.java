package org.investlake.sample;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The file kinds the bureaus' systems export: Excel, or CSV in one of three encodings. */
enum ExportFormat {
    /** What a Chinese-locale Excel "save as CSV" writes. */
    CSV_GBK("csv", Charset.forName("GBK"), false),
    /** What newer web systems write so that Excel opens it right. */
    CSV_UTF8_BOM("csv", StandardCharsets.UTF_8, true),
    CSV_UTF8("csv", StandardCharsets.UTF_8, false),
    XLSX("xlsx", null, false);

    private final String extension;
    private final Charset charset;
    private final boolean bom;

    ExportFormat(String extension, Charset charset, boolean bom) {
        this.extension = extension;
        this.charset = charset;
        this.bom = bom;
    }

    String extension() {
        return extension;
    }

    Charset charset() {
        return charset;
    }

    boolean bom() {
        return bom;
    }

    boolean isExcel() {
        return this == XLSX;
    }
}
