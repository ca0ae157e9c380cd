package org.investlake.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser harness on small self-made pages: a phone-friendly page with one JFreeSVG bar chart, the same
 * chart at a fixed 600 px (which must be caught scrolling sideways at 390 px), and a page with errors.
 */
class HeadlessChromiumTest {
    private static final String BAR_COLOUR = "#c0392b";
    private static final Path OUT = Path.of("chromium-harness").toAbsolutePath(); // under target/ (surefire's cwd)
    private static HeadlessChromium chromium;

    @BeforeAll
    static void browser() throws IOException {
        chromium = HeadlessChromium.require();
        Files.createDirectories(OUT);
    }

    @Test
    void aPhoneFriendlyPageWithAChartLoadsCleanAndFits() throws IOException {
        String svg = chart(false);
        Path html = page("fits.html", "svg{display:block;max-width:100%;height:auto}", svg);

        HeadlessChromium.Page page = chromium.render(html, 390, OUT.resolve("fits.png"));

        assertThat(page.viewportWidth()).as("the page saw a 390 px viewport").isEqualTo(390);
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.resources()).as("a self-contained page fetches nothing").isEmpty();
        assertThat(page.scrollsSideways())
                .as("scrollWidth %d at 390 px, sticking out: %s", page.scrollWidth(), page.overflowing())
                .isFalse();
        assertThat(page.title()).isEqualTo("图表测试");
        assertThat(page.charts()).hasSize(1);
        HeadlessChromium.Chart chart = page.charts().get(0);
        assertThat(chart.drawn()).isTrue();
        // five units, one without data: four bars (the missing one is not drawn as 0)
        assertThat(chart.rects(BAR_COLOUR))
                .as("bars in %s", chart.rectsByFill())
                .isEqualTo(4);
        assertThat(chart.width())
                .as("scaled to the phone: 390 less 2 × 8 px body margin")
                .isEqualTo(374.0);
        assertThat(chart.texts()).as("axis labels drawn as text").isPositive();

        BufferedImage png = ImageIO.read(page.screenshot().toFile());
        assertThat(png.getWidth()).isEqualTo(390);
        assertThat(png.getHeight()).isGreaterThanOrEqualTo(page.scrollHeight());
    }

    @Test
    void aFixedWidthChartScrollsSidewaysOnAPhone() throws IOException {
        Path html = page("overflows.html", "", chart(true));

        HeadlessChromium.Page page = chromium.render(html, 390, OUT.resolve("overflows.png"));

        assertThat(page.scrollsSideways()).isTrue();
        assertThat(page.scrollWidth())
                .as("the 8 px body margin + the 600 px chart")
                .isEqualTo(608);
        assertThat(page.overflowing()).anySatisfy(e -> assertThat(e).startsWith("svg"));
        assertThat(page.charts().get(0).rects(BAR_COLOUR)).isEqualTo(4);
        assertThat(page.consoleErrors()).isEmpty();
    }

    @Test
    void errorsAndFailedLoadsAreReported() throws IOException {
        Path html = page(
                "errors.html",
                "",
                "<img src=\"missing.png\" alt=\"\"><script>console.error('数据缺失'); notDefined();</script>");

        HeadlessChromium.Page page = chromium.render(html, 390, OUT.resolve("errors.png"));

        assertThat(page.consoleErrors())
                .hasSize(3)
                .anySatisfy(e -> assertThat(e).isEqualTo("console.error: 数据缺失"))
                .anySatisfy(e -> assertThat(e).contains("notDefined"))
                .anySatisfy(
                        e -> assertThat(e).startsWith("failed to load <img>").endsWith("missing.png"));
        assertThat(page.charts()).isEmpty();
    }

    @Test
    void hooksGoAfterTheCharsetDeclaration() {
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head></html>";
        assertThat(HeadlessChromium.insertFirst(page, "<script></script>"))
                .isEqualTo(
                        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script></script><title>t</title></head></html>");
        assertThat(HeadlessChromium.insertFirst("<p>x</p>", "<s>")).isEqualTo("<s><p>x</p>");
    }

    /** A JFreeChart bar chart of five units' growth (one missing) as an SVG element, 600 × 300. */
    private static String chart(boolean fixedWidth) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(12.3, "增速", "滨湖新区");
        data.addValue(8.0, "增速", "桃城区");
        data.addValue(-1.2, "增速", "冀州区");
        data.addValue(7.4, "增速", "枣强县");
        data.addValue((Number) null, "增速", "故城县");
        JFreeChart chart = ChartFactory.createBarChart("各县市区固定资产投资增速", null, "%", data);
        chart.removeLegend();
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        BarRenderer bars = (BarRenderer) chart.getCategoryPlot().getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Color.decode(BAR_COLOUR));
        SVGGraphics2D g = new SVGGraphics2D(600, 300);
        chart.draw(g, new Rectangle(0, 0, 600, 300));
        return fixedWidth ? g.getSVGElement() : g.getSVGElement(null, false, new ViewBox(0, 0, 600, 300), null, null);
    }

    private static Path page(String name, String css, String body) throws IOException {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>图表测试</title>"
                + "<style>body{margin:8px;font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
                + "\"Microsoft YaHei\",\"PingFang SC\",sans-serif}" + css + "</style></head><body>"
                + body + "</body></html>";
        Path p = OUT.resolve(name);
        Files.writeString(p, html, StandardCharsets.UTF_8);
        return p;
    }
}
