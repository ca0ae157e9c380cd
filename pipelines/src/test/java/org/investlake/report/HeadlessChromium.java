package org.investlake.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders an HTML file in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it with
 * {@code fonts-noto-cjk}) and reports what a reader would meet: errors, sideways scrolling at a phone's width,
 * whether each chart drew, and a PNG screenshot for a person to look at.
 *
 * <p>Two runs of the browser, nothing but its command line (no driver, no DevTools client):
 *
 * <ol>
 *   <li>The probe: a copy of the page, with a small script put first in its {@code <head>} that records
 *       {@code console.error} calls, uncaught errors, unhandled promise rejections, resources that failed to
 *       load and policy violations, is shown in an {@code <iframe srcdoc>} exactly {@code width} CSS pixels wide
 *       (a browser window cannot be narrower than 500 px; an iframe is a viewport of its own, and media queries
 *       follow it). After the page's {@code load} event the host page measures it and leaves the result, as
 *       base64 JSON, in an attribute that {@code --dump-dom} prints.
 *   <li>The screenshot: the page itself, unchanged, in a window {@code width} pixels wide and as tall as the
 *       page measured in step 1 (capped at {@value #MAX_SCREENSHOT_HEIGHT}), {@code --screenshot}.
 * </ol>
 *
 * For each outermost inline {@code <svg>} the report gives its drawn size and its visible {@code <rect>}s (not
 * inside {@code defs}/{@code clipPath}, with a non-empty box) counted by computed fill colour: a JFreeChart bar
 * chart drawn with {@code StandardBarPainter} draws each bar as one {@code rect} in its series colour, so
 * {@code chart.rects("#c0392b")} is the number of bars of the series painted {@code #c0392b} — plus one, the
 * legend's swatch, when the chart shows a legend. A missing value draws no bar.
 */
public final class HeadlessChromium {
    static final int MAX_SCREENSHOT_HEIGHT = 16_000;
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern RESULT = Pattern.compile("data-harness=\"([A-Za-z0-9+/=]+)\"");
    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET = Pattern.compile("<meta[^>]*charset[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML = Pattern.compile("<html(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

    /** Put first into the page: collects what the browser console would show as errors. */
    private static final String HOOKS = "<script>(function(){var errs=window.__harnessErrors=[];"
            + "var ce=console.error;console.error=function(){errs.push('console.error: '"
            + "+Array.prototype.map.call(arguments,String).join(' '));return ce.apply(console,arguments);};"
            + "window.addEventListener('error',function(e){var t=e.target;"
            + "if(t&&t!==window&&t.tagName){errs.push('failed to load <'+t.tagName.toLowerCase()+'> '"
            + "+(t.src||t.href||t.data||''));}"
            + "else{errs.push('uncaught: '+e.message+' (line '+e.lineno+')');}},true);"
            + "window.addEventListener('unhandledrejection',function(e){errs.push('unhandled rejection: '+e.reason);});"
            + "document.addEventListener('securitypolicyviolation',function(e){"
            + "errs.push('blocked: '+e.blockedURI+' ('+e.violatedDirective+')');});})();</script>";

    /** The host page's measuring script; runs on the iframe's load event. */
    private static final String PROBE = """
            <script>(function(){
            var f=document.getElementById('page');
            function hex(c){var m=/^rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)(?:,\\s*([\\d.]+))?\\)$/.exec(c);
              if(!m)return c;if(m[4]!==undefined&&parseFloat(m[4])===0)return 'transparent';
              return '#'+[m[1],m[2],m[3]].map(function(x){return ('0'+(+x).toString(16)).slice(-2);}).join('');}
            function name(el){return el.tagName.toLowerCase()+(el.id?'#'+el.id:'')
              +(el.classList.length?'.'+Array.prototype.join.call(el.classList,'.'):'');}
            function probe(){
              var w=f.contentWindow,d=f.contentDocument,de=d.documentElement;
              var cw=de.clientWidth,sw=Math.max(de.scrollWidth,d.body?d.body.scrollWidth:0);
              var svgs=[];
              d.querySelectorAll('svg').forEach(function(svg){
                if(svg.parentElement&&svg.parentElement.closest('svg'))return;
                var box=svg.getBoundingClientRect(),fills={},n=0;
                svg.querySelectorAll('rect').forEach(function(r){
                  if(r.closest('defs,clipPath,mask,pattern,marker,symbol'))return;
                  var b=r.getBBox();if(!(b.width>0&&b.height>0))return;
                  n++;var k=hex(w.getComputedStyle(r).fill);fills[k]=(fills[k]||0)+1;});
                svgs.push({width:box.width,height:box.height,rects:n,rectsByFill:fills,
                  paths:svg.querySelectorAll('path').length,texts:svg.querySelectorAll('text').length});});
              var wide=[];
              if(sw>cw){d.querySelectorAll('body *').forEach(function(el){
                if(wide.length<8&&el.getBoundingClientRect().right>cw+0.5&&!(el.parentElement
                  &&el.parentElement.getBoundingClientRect().right>cw+0.5))wide.push(name(el));});}
              var out={viewportWidth:w.innerWidth,clientWidth:cw,scrollWidth:sw,scrollHeight:de.scrollHeight,
                title:d.title,consoleErrors:(w.__harnessErrors||['the error hooks did not run']).slice(),
                resources:w.performance.getEntriesByType('resource').map(function(e){return e.name;}),
                overflowing:wide,svgs:svgs};
              document.documentElement.setAttribute('data-harness',
                btoa(unescape(encodeURIComponent(JSON.stringify(out)))));}
            f.addEventListener('load',function(){probe();setTimeout(probe,300);});
            })();</script>
            """;

    /** One inline chart as drawn: its size on the page and its visible rectangles by fill colour ({@code #rrggbb}). */
    public record Chart(
            double width, double height, int rects, Map<String, Integer> rectsByFill, int paths, int texts) {
        /** Visible rectangles filled with {@code hexColour} ({@code #rrggbb}): a bar chart's bars of that series. */
        public int rects(String hexColour) {
            return rectsByFill.getOrDefault(hexColour.toLowerCase(Locale.ROOT), 0);
        }

        /** The chart has a size and something in it. */
        public boolean drawn() {
            return width > 0 && height > 0 && rects + paths + texts > 0;
        }
    }

    /**
     * What the page showed at {@code viewportWidth}: the page's scroll width against its client width, errors,
     * every resource it fetched (a self-contained page fetches none), the elements sticking out on the right
     * (when it scrolls sideways), its charts in document order, and where the screenshot went.
     */
    public record Page(
            int viewportWidth,
            int clientWidth,
            int scrollWidth,
            int scrollHeight,
            String title,
            List<String> consoleErrors,
            List<String> resources,
            List<String> overflowing,
            List<Chart> charts,
            Path screenshot) {
        /** The reader would have to scroll sideways. */
        public boolean scrollsSideways() {
            return scrollWidth > clientWidth;
        }
    }

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser: {@code $CHROMIUM} if set, else chromium, chromium-browser or google-chrome on the PATH. */
    public static Optional<HeadlessChromium> find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(new HeadlessChromium(Path.of(env)));
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new HeadlessChromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /** The browser, or a failure that says how to get one (tests that render must not pass without it). */
    public static HeadlessChromium require() {
        return find().orElseThrow(() -> new IllegalStateException(
                "Chromium not found: install Debian's chromium and fonts-noto-cjk (.ci/run does), or set CHROMIUM"));
    }

    /**
     * {@code HTML WIDTH PNG}: renders a page, writes its screenshot and prints the report (the README's
     * screenshot is made this way). Exits 1 when the page has errors or scrolls sideways.
     */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: HeadlessChromium PAGE.html WIDTH OUT.png");
            System.exit(2);
        }
        Page page = require().render(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        System.out.println(page);
        System.exit(page.consoleErrors().isEmpty() && !page.scrollsSideways() ? 0 : 1);
    }

    /** Renders {@code html} {@code width} CSS pixels wide and writes a full-height PNG to {@code screenshot}. */
    public Page render(Path html, int width, Path screenshot) {
        Path work = null;
        try {
            work = Files.createTempDirectory("chromium-harness");
            String page = Files.readString(html.toAbsolutePath(), StandardCharsets.UTF_8);
            Path host = work.resolve("host.html");
            Files.writeString(host, host(page, html.toAbsolutePath().getParent(), width), StandardCharsets.UTF_8);
            Run probe = run(
                    work,
                    "--window-size=" + Math.max(width + 40, 800) + ",900",
                    "--virtual-time-budget=5000",
                    "--dump-dom",
                    host.toUri().toString());
            Matcher m = RESULT.matcher(probe.stdout());
            if (!m.find()) {
                throw new IllegalStateException("Chromium showed " + html
                        + " but the page never finished loading; stderr: " + probe.stderrTail());
            }
            JsonNode r = new ObjectMapper()
                    .readTree(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
            int height = Math.min(Math.max(r.path("scrollHeight").asInt(), 100), MAX_SCREENSHOT_HEIGHT);
            Path png = screenshot.toAbsolutePath();
            Files.createDirectories(png.getParent());
            Files.deleteIfExists(png);
            Run shot = run(
                    work,
                    "--window-size=" + width + "," + height,
                    "--virtual-time-budget=5000",
                    "--screenshot=" + png,
                    html.toAbsolutePath().toUri().toString());
            if (!Files.isRegularFile(png)) {
                throw new IllegalStateException(
                        "Chromium wrote no screenshot of " + html + "; stderr: " + shot.stderrTail());
            }
            List<Chart> charts = new ArrayList<>();
            for (JsonNode s : r.path("svgs")) {
                Map<String, Integer> fills = new LinkedHashMap<>();
                s.path("rectsByFill")
                        .fields()
                        .forEachRemaining(
                                e -> fills.put(e.getKey(), e.getValue().asInt()));
                charts.add(new Chart(
                        s.path("width").asDouble(),
                        s.path("height").asDouble(),
                        s.path("rects").asInt(),
                        Map.copyOf(fills),
                        s.path("paths").asInt(),
                        s.path("texts").asInt()));
            }
            return new Page(
                    r.path("viewportWidth").asInt(),
                    r.path("clientWidth").asInt(),
                    r.path("scrollWidth").asInt(),
                    r.path("scrollHeight").asInt(),
                    r.path("title").asText(),
                    strings(r.path("consoleErrors")),
                    strings(r.path("resources")),
                    strings(r.path("overflowing")),
                    List.copyOf(charts),
                    png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** The host page: the probed page (hooks first, relative links resolved as before) in a width-wide iframe. */
    static String host(String page, Path baseDir, int width) {
        String probed = insertFirst(page, HOOKS);
        if (!probed.toLowerCase(Locale.ROOT).contains("<base") && baseDir != null) {
            probed = insertFirst(probed, "<base href=\"" + baseDir.toUri() + "\">");
        }
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>harness</title></head>"
                + "<body style=\"margin:0\"><iframe id=\"page\" style=\"display:block;border:0;width:" + width
                + "px;height:844px\" srcdoc=\"" + attribute(probed) + "\"></iframe>" + PROBE + "</body></html>";
    }

    /** {@code snippet} as early as is safe: after {@code <meta charset>}, else after {@code <head>}, else first. */
    static String insertFirst(String page, String snippet) {
        for (Pattern p : List.of(META_CHARSET, HEAD, HTML)) {
            Matcher m = p.matcher(page);
            if (m.find()) {
                return page.substring(0, m.end()) + snippet + page.substring(m.end());
            }
        }
        return snippet + page;
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;");
    }

    private record Run(String stdout, String stderr) {
        String stderrTail() {
            String[] lines = stderr.strip().split("\n");
            return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 5), lines.length));
        }
    }

    private Run run(Path work, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-sync",
                "--disable-background-networking",
                "--disable-component-update",
                "--user-data-dir=" + work.resolve("profile")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Chromium ran", e);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
