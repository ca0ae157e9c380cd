package org.investlake.report;

import static org.investlake.report.BulletinData.dec;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The bulletin's charts, drawn by JFreeChart into JFreeSVG as inline SVG strings. Text is measured with the first
 * CJK font installed here ({@link #FONTS}) and written into the SVG with the whole list as the CSS font-family, so a
 * browser uses whichever of them it has. The SVG ids are fixed per chart, so the same data gives the same bytes.
 */
public final class Charts {
    /** The CJK fonts the charts and the page name, in order of preference; the generic family last. */
    public static final List<String> FONTS = List.of(
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "Source Han Sans CN",
            "Microsoft YaHei",
            "PingFang SC",
            "WenQuanYi Micro Hei",
            "SimHei");

    /** The CSS font-family value naming {@link #FONTS} with a generic fallback. */
    public static final String FONT_STACK =
            String.join(",", FONTS.stream().map(f -> "'" + f + "'").toList()) + ",sans-serif";

    static final Color BLUE = new Color(0x1F, 0x5F, 0xA8);
    static final Color GREY = new Color(0xA8, 0xB3, 0xBF);
    static final Color RED = new Color(0xC0, 0x39, 0x2B);
    static final int WIDTH = 640;

    /**
     * One chart: its id, caption, the SVG element, and how many bars it draws — a value of exactly 0 has no
     * length (the key-project chart prints every value beside its bar, so a 0.0 is still read), a missing value
     * no bar at all.
     */
    public record Chart(String id, String title, String svg, int bars) {}

    private Charts() {}

    /** The charts the data has: growth by unit, key-project attainment by unit, growth by sector. */
    public static List<Chart> all(BulletinData d) {
        List<Chart> out = new ArrayList<>();
        if (d.hasStats()) {
            out.add(regionGrowth(d));
        }
        if (d.hasProjects()) {
            out.add(keyProjects(d));
        }
        if (d.hasSectors()) {
            out.add(sectorGrowth(d));
        }
        return out;
    }

    static Chart regionGrowth(BulletinData d) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        int bars = 0;
        for (Map<String, Object> r : d.rows("region_growth", Commentary.byRank())) {
            if (d.cityCode().equals(r.get("region_code"))) {
                continue;
            }
            String name = String.valueOf(r.get("region_name"));
            BigDecimal g = dec(r.get("ytd_growth_pct"));
            BigDecimal t = dec(r.get("target_growth_pct"));
            ds.addValue(g, "累计增速(%)", name);
            ds.addValue(t, "目标增速(%)", name);
            bars += drawn(g) + drawn(t);
        }
        String title = d.span() + "各县市区固定资产投资累计增速与目标";
        return draw("chart-region-growth", title, ds, null, null, bars, false);
    }

    static Chart keyProjects(BulletinData d) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        int bars = 0;
        BigDecimal timeProgress = null;
        List<Map<String, Object>> rows = d.rows("key_project_progress");
        rows.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("region_code"))));
        for (Map<String, Object> r : rows) {
            if (timeProgress == null) {
                timeProgress = dec(r.get("time_progress"));
            }
            if (d.cityCode().equals(r.get("region_code"))) {
                continue;
            }
            BigDecimal a = dec(r.get("target_attainment"));
            ds.addValue(
                    a == null ? null : a.multiply(BigDecimal.valueOf(100)),
                    "目标完成度(%)",
                    String.valueOf(r.get("region_name")));
            bars += drawn(a);
        }
        String title = d.month() + "月重点项目完成投资占年度目标比例与序时进度";
        BigDecimal marker = timeProgress == null ? null : timeProgress.multiply(BigDecimal.valueOf(100));
        return draw("chart-key-projects", title, ds, marker, "序时进度", bars, true);
    }

    static Chart sectorGrowth(BulletinData d) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        int bars = 0;
        for (Map<String, Object> r :
                d.rows("sector_growth", Comparator.comparing(x -> String.valueOf(x.get("sector_code"))))) {
            String name = String.valueOf(r.get("sector_name"));
            BigDecimal g = dec(r.get("ytd_growth_pct"));
            BigDecimal t = dec(r.get("target_growth_pct"));
            ds.addValue(g, "累计增速(%)", name);
            ds.addValue(t, "目标增速(%)", name);
            bars += drawn(g) + drawn(t);
        }
        return draw("chart-sector-growth", d.span() + "分行业领域固定资产投资累计增速与目标", ds, null, null, bars, false);
    }

    private static int drawn(BigDecimal v) {
        return v == null || v.signum() == 0 ? 0 : 1;
    }

    private static Chart draw(
            String id,
            String title,
            DefaultCategoryDataset ds,
            BigDecimal marker,
            String markerLabel,
            int bars,
            boolean valueLabels) {
        Font base = new Font(measuringFamily(), Font.PLAIN, 13);
        JFreeChart chart = ChartFactory.createBarChart(
                null, null, null, ds, PlotOrientation.HORIZONTAL, ds.getRowCount() > 1, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(4, 4, 4, 12));
        CategoryAxis domain = plot.getDomainAxis();
        domain.setTickLabelFont(base);
        domain.setCategoryMargin(0.25);
        domain.setMaximumCategoryLabelWidthRatio(0.35f);
        plot.getRangeAxis().setTickLabelFont(base.deriveFont(12f));
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        r.setSeriesPaint(0, BLUE);
        r.setSeriesPaint(1, GREY);
        if (valueLabels) {
            // the value beside each bar: a unit at 0.0 has no bar to see, and a leader reads the number anyway
            r.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator(
                    "{2}", new java.text.DecimalFormat("0.0")));
            r.setDefaultItemLabelFont(base.deriveFont(11f));
            r.setDefaultItemLabelsVisible(true);
            r.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                    org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, org.jfree.chart.ui.TextAnchor.CENTER_LEFT));
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(base);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        if (marker != null) {
            ValueMarker m = new ValueMarker(marker.doubleValue(), RED, new BasicStroke(2f));
            m.setLabel(markerLabel + " " + Fmt.d1(marker) + "%");
            m.setLabelFont(base.deriveFont(12f));
            m.setLabelPaint(RED);
            // the label reads leftwards from the line: to its right it would run off a phone-width chart
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            m.setLabelBackgroundColor(Color.WHITE);
            plot.addRangeMarker(m);
            // the axis spans the bars; widen it so the marker (and its label) is drawn even when every bar is short
            org.jfree.chart.axis.ValueAxis axis = plot.getRangeAxis();
            if (marker.doubleValue() * 1.15 > axis.getUpperBound()) {
                axis.setRange(Math.min(0, axis.getLowerBound()), marker.doubleValue() * 1.15);
            }
        }
        int height = 60 + Math.max(1, ds.getColumnCount()) * (ds.getRowCount() > 1 ? 34 : 24);
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
        g2.setDefsKeyPrefix(id);
        g2.setFontFunction(family -> FONT_STACK);
        chart.draw(g2, new Rectangle(0, 0, WIDTH, height));
        String svg = g2.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, height), null, null);
        return new Chart(id, title, svg, bars);
    }

    private static String family;

    /** The first of {@link #FONTS} installed here (Java measures the labels with it), else the logical SansSerif. */
    static synchronized String measuringFamily() {
        if (family == null) {
            Set<String> installed = Set.copyOf(Arrays.asList(
                    GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
            family = FONTS.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
        }
        return family;
    }
}
