package org.investlake.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bulletin as one self-contained HTML page: inline CSS (A4 print with a page break before each section and
 * table headers repeated on every printed page; below 600 px every table row becomes a card of label–value lines,
 * so a 390 px phone never scrolls sideways), inline SVG charts, no script, no link to anything outside the file.
 * The only time in it is the bulletin's recorded {@code written_at}, so a reissue from the recorded versions gives
 * the same bytes.
 */
public final class BulletinPage {
    /** Shown as the bulletin's own time zone: the city's. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BulletinPage() {}

    /** The bulletin's title: 「2023年1-6月全市抓投资上项目工作通报」. */
    public static String title(BulletinData d) {
        return d.year() + "年" + d.span() + "全市抓投资上项目工作通报";
    }

    public static String render(
            BulletinData d,
            List<String> commentary,
            List<ReportTable> tables,
            List<Charts.Chart> charts,
            String bulletinId,
            Instant writtenAt) {
        Map<String, ReportTable> t = new java.util.LinkedHashMap<>();
        tables.forEach(x -> t.put(x.sheetName(), x));
        Map<String, Charts.Chart> c = new java.util.LinkedHashMap<>();
        charts.forEach(x -> c.put(x.id(), x));
        StringBuilder h = new StringBuilder(64_000);
        String title = title(d);
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(d.city() + " " + title))
                .append("</title>\n<style>\n")
                .append(CSS.replace("FONT_STACK", Charts.FONT_STACK))
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<header class=\"masthead\">\n<p class=\"issuer\">")
                .append(esc(d.city()))
                .append("</p>\n<h1>")
                .append(esc(title))
                .append("</h1>\n<p class=\"meta\">通报编号 <span id=\"bulletin-id\">")
                .append(esc(bulletinId))
                .append("</span> · 生成时间 <time datetime=\"")
                .append(writtenAt.toString())
                .append("\">")
                .append(DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").format(writtenAt.atZone(ZONE)))
                .append("</time>(北京时间)</p>\n</header>\n");
        List<String> missing = d.missingFeeds();
        if (!missing.isEmpty()) {
            h.append("<section id=\"missing\" class=\"missing\">\n<h2>数据报送情况</h2>\n<ul>\n");
            for (String m : missing) {
                h.append("<li>").append(esc(m)).append("</li>\n");
            }
            h.append("</ul>\n<p>未报送的数据在下文中显示为“—”并注明原因,不按0计。</p>\n</section>\n");
        }
        h.append("<section id=\"summary\">\n<h2>一、总体情况</h2>\n");
        for (String p : commentary) {
            h.append("<p class=\"commentary\">").append(esc(p)).append("</p>\n");
        }
        h.append("</section>\n");
        section(h, "kpis", "二、核心指标完成情况", List.of(), List.of(t.get(BulletinTables.KPIS)));
        section(
                h,
                "regions",
                "三、各县市区固定资产投资增速",
                chart(c, "chart-region-growth"),
                List.of(t.get(BulletinTables.REGIONS)));
        section(
                h,
                "sectors",
                "四、分行业领域固定资产投资增速",
                chart(c, "chart-sector-growth"),
                List.of(t.get(BulletinTables.SECTORS)));
        section(
                h,
                "key-projects",
                "五、省市重点项目推进情况",
                chart(c, "chart-key-projects"),
                List.of(t.get(BulletinTables.KEY_PROJECTS)));
        section(h, "bonds", "六、专项债券项目推进情况", List.of(), List.of(t.get(BulletinTables.BONDS)));
        section(h, "scorecard", "七、县市区综合评价", List.of(), List.of(t.get(BulletinTables.SCORECARD)));
        section(
                h,
                "alerts",
                "八、回落预警与约谈",
                List.of(),
                List.of(t.get(BulletinTables.ALERTS), t.get(BulletinTables.INTERVIEWS)));
        section(h, "lights", "九、红黄灯项目", List.of(), List.of(t.get(BulletinTables.LIGHTS)));
        // a bulletin recorded before these marts existed has neither table, and is reissued without the sections
        if (t.containsKey(BulletinTables.OUTLOOK)) {
            section(h, "outlook", "十、全年目标研判", List.of(), List.of(t.get(BulletinTables.OUTLOOK)));
        }
        if (t.containsKey(BulletinTables.CHECKS)) {
            section(h, "checks", "十一、数据质量核查", List.of(), List.of(t.get(BulletinTables.CHECKS)));
        }
        h.append("<footer>\n<p>数据来源:投资和项目建设数据仓库汇总表(gold),按表版本读取:")
                .append(esc(d.versionsText().replace(",", ", ")))
                .append("。同一通报编号可按这些版本重新生成同一文件。</p>\n</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static List<Charts.Chart> chart(Map<String, Charts.Chart> charts, String id) {
        return Optional.ofNullable(charts.get(id)).map(List::of).orElse(List.of());
    }

    private static void section(
            StringBuilder h, String id, String heading, List<Charts.Chart> charts, List<ReportTable> tables) {
        h.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(esc(heading))
                .append("</h2>\n");
        for (Charts.Chart c : charts) {
            h.append("<figure class=\"chart\" data-chart=\"")
                    .append(c.id())
                    .append("\" data-bars=\"")
                    .append(c.bars())
                    .append("\">\n")
                    .append(c.svg())
                    .append("\n<figcaption>")
                    .append(esc(c.title()))
                    .append("</figcaption>\n</figure>\n");
        }
        for (ReportTable t : tables) {
            table(h, t);
        }
        h.append("</section>\n");
    }

    static void table(StringBuilder h, ReportTable t) {
        h.append("<div class=\"table\" data-sheet=\"")
                .append(esc(t.sheetName()))
                .append("\">\n");
        h.append("<h3>").append(esc(t.title())).append("</h3>\n");
        if (t.unitsLine() != null) {
            h.append("<p class=\"units\">").append(esc(t.unitsLine())).append("</p>\n");
        }
        if (!t.rows().isEmpty()) {
            h.append("<table class=\"data\">\n<thead><tr>");
            for (ReportTable.Column c : t.columns()) {
                h.append("<th scope=\"col\">").append(esc(c.label())).append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            for (List<Object> row : t.rows()) {
                h.append("<tr>");
                for (int i = 0; i < t.columns().size(); i++) {
                    ReportTable.Column c = t.columns().get(i);
                    Object v = i < row.size() ? row.get(i) : null;
                    String cls =
                            "text".equals(c.kind()) ? (v == null ? "empty" : "") : (v == null ? "num empty" : "num");
                    h.append("<td data-label=\"").append(esc(c.label())).append('"');
                    if (!cls.isEmpty()) {
                        h.append(" class=\"").append(cls).append('"');
                    }
                    h.append('>').append(esc(Fmt.cell(v, c.kindOf(v)))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (t.note() != null) {
            h.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
        }
        h.append("</div>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:#f4f5f7;color:#1d2329;font-family:FONT_STACK;font-size:16px;line-height:1.7}
            main{max-width:980px;margin:0 auto;padding:16px 20px 40px;background:#fff}
            .masthead{text-align:center;border-bottom:3px solid #c0392b;padding-bottom:8px;margin-bottom:16px}
            .issuer{margin:0;color:#c0392b;font-weight:bold;letter-spacing:.3em}
            h1{font-size:1.5em;margin:.3em 0;color:#c0392b}
            h2{font-size:1.2em;border-left:5px solid #1f5fa8;padding-left:8px;margin:1.4em 0 .6em}
            h3{font-size:1.02em;margin:1em 0 .2em}
            .meta,.units,.note,figcaption,footer{color:#5b6670;font-size:.85em}
            .units{margin:0 0 .4em}
            .commentary{text-indent:2em;margin:.5em 0}
            .missing{border:1px solid #e0b252;background:#fff8e6;padding:4px 14px;margin:12px 0}
            .missing h2{border:0;padding:0;margin:.4em 0}
            .missing li{color:#8a5a00;font-weight:bold}
            figure.chart{margin:12px 0}
            figure.chart svg{display:block;width:100%;height:auto;max-width:720px}
            table.data{border-collapse:collapse;width:100%;font-size:.88em;margin:.2em 0 .6em}
            table.data th,table.data td{border:1px solid #c9d0d6;padding:4px 6px;vertical-align:top}
            table.data th{background:#eef2f6;font-weight:bold;text-align:center}
            table.data td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            table.data td.empty{color:#8a96a0;text-align:center}
            table.data tbody tr:nth-child(even){background:#fafbfc}
            footer{border-top:1px solid #c9d0d6;margin-top:24px;padding-top:8px;overflow-wrap:anywhere}
            @media (max-width:600px){
            body{font-size:15px}
            main{padding:10px 12px 28px}
            h1{font-size:1.25em}
            table.data,table.data tbody,table.data tr,table.data td{display:block;width:100%}
            table.data thead{display:none}
            table.data tr{border:1px solid #c9d0d6;border-radius:6px;margin:0 0 10px;padding:4px 8px;background:#fff}
            table.data tbody tr:nth-child(even){background:#fff}
            table.data td,table.data td.num,table.data td.empty{border:0;border-bottom:1px dashed #e3e7eb;padding:3px 0;text-align:right;white-space:normal;overflow-wrap:anywhere;display:flex;justify-content:space-between;gap:12px}
            table.data td:last-child{border-bottom:0}
            table.data td::before{content:attr(data-label);color:#5b6670;text-align:left;flex:0 0 auto;max-width:55%}
            }
            @page{size:A4;margin:16mm 14mm}
            @media print{
            body{background:#fff;font-size:11pt}
            main{max-width:none;padding:0}
            section{break-before:page}
            #summary,#missing{break-before:auto}
            h2,h3{break-after:avoid}
            thead{display:table-header-group}
            tr,figure{break-inside:avoid}
            }
            """;
}
