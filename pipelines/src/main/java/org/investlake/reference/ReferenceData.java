package org.investlake.reference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The city's regions, sectors and yearly targets, loaded once from config/city.yaml (bundled in the
 * jar, or the file given with {@code --config}) and the targets files it names. Every stage asks this
 * one object; nothing else holds a region list or a target.
 */
public final class ReferenceData {
    private static final String BUNDLED = "config/city.yaml";
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String city;
    private final List<Region> regions;
    private final List<Sector> sectors;
    private final Map<Integer, YearTargets> targets;
    private final Map<String, Region> regionByLabel = new LinkedHashMap<>();
    private final Map<String, Sector> sectorByLabel = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> headerAliases;

    private ReferenceData(
            String city,
            List<Region> regions,
            List<Sector> sectors,
            Map<Integer, YearTargets> targets,
            Map<String, Map<String, List<String>>> headerAliases) {
        this.city = city;
        this.headerAliases = headerAliases == null ? Map.of() : headerAliases;
        this.regions = List.copyOf(regions);
        this.sectors = List.copyOf(sectors);
        this.targets = Collections.unmodifiableMap(targets);
        for (Region r : regions) {
            regionByLabel.put(Labels.rowLabel(r.code()), r);
            regionByLabel.put(Labels.rowLabel(r.name()), r);
            r.aliases().forEach(a -> regionByLabel.put(Labels.rowLabel(a), r));
        }
        for (Sector s : sectors) {
            sectorByLabel.put(Labels.rowLabel(s.code()).toLowerCase(Locale.ROOT), s);
            sectorByLabel.put(Labels.rowLabel(s.name()), s);
            s.aliases().forEach(a -> sectorByLabel.put(Labels.rowLabel(a), s));
        }
    }

    /** The reference data bundled in the jar (衡水市, with every targets file it names). */
    public static ReferenceData bundled() {
        try (InputStream in = resource(BUNDLED)) {
            return parse(in, name -> resource("config/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference data of {@code cityFile}; the targets files it names are read beside it. */
    public static ReferenceData load(Path cityFile) {
        try (InputStream in = Files.newInputStream(cityFile)) {
            Path dir = cityFile.toAbsolutePath().getParent();
            return parse(in, name -> Files.newInputStream(dir.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config " + cityFile + ": " + e.getMessage(), e);
        }
    }

    /** {@code --config FILE} when given, else the bundled file. */
    public static ReferenceData loadOrBundled(Path cityFile) {
        return cityFile == null ? bundled() : load(cityFile);
    }

    public String city() {
        return city;
    }

    public List<Region> regions() {
        return regions;
    }

    public List<Sector> sectors() {
        return sectors;
    }

    /** Years with a targets file. */
    public Map<Integer, YearTargets> allTargets() {
        return targets;
    }

    public Optional<YearTargets> targets(int year) {
        return Optional.ofNullable(targets.get(year));
    }

    /** The region a label names: its name, code or an alias, however written (全角, 其中:, spaces). */
    public Optional<Region> region(String label) {
        if (label == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(regionByLabel.get(Labels.rowLabel(label)));
    }

    public Optional<Sector> sector(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String key = Labels.rowLabel(label);
        Sector s = sectorByLabel.get(key);
        return Optional.ofNullable(s != null ? s : sectorByLabel.get(key.toLowerCase(Locale.ROOT)));
    }

    public Region cityTotal() {
        return regions.stream()
                .filter(r -> r.kind() == Region.Kind.CITY)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("config has no region of kind city"));
    }

    public List<Region> rankedUnits() {
        return regions.stream().filter(Region::isRankedUnit).toList();
    }

    /**
     * What the Chinese messages of schemas/*.yaml may name about the city, so no schema spells out
     * one city: {@code city} (衡水市), {@code units} (how many units are ranked, 13), {@code
     * code_prefix} (the region-code prefix all its codes share, 1311xx) and {@code code_example} (a
     * well-formed project code of its first unit, 2301-131102-04-01-512345).
     */
    public Map<String, String> messagePlaceholders() {
        String cityCode = cityTotal().code();
        // a division code of a city ends in 00 and its units vary the last two digits (131100 →
        // 1311xx); where the config's codes do not follow that, what they all share
        String prefix = cityCode;
        while (prefix.endsWith("00")) {
            prefix = prefix.substring(0, prefix.length() - 2);
        }
        String stripped = prefix;
        if (!regions.stream().allMatch(r -> r.code().startsWith(stripped))) {
            prefix = cityCode;
            for (Region r : regions) {
                int i = 0;
                while (i < prefix.length()
                        && i < r.code().length()
                        && prefix.charAt(i) == r.code().charAt(i)) {
                    i++;
                }
                prefix = prefix.substring(0, i);
            }
        }
        String unitCode =
                rankedUnits().isEmpty() ? cityCode : rankedUnits().get(0).code();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("city", city);
        values.put("units", Integer.toString(rankedUnits().size()));
        values.put("code_prefix", prefix + "x".repeat(Math.max(0, cityCode.length() - prefix.length())));
        values.put("code_example", "2301-" + unitCode + "-04-01-512345");
        return Collections.unmodifiableMap(values);
    }

    /**
     * Header words this city's bureaus use beyond the national vocabulary of schemas/FEED.yaml: column
     * name to extra aliases, from {@code header_aliases} in the city file (empty when it has none).
     */
    public Map<String, List<String>> headerAliases(String feed) {
        return headerAliases.getOrDefault(feed, Map.of());
    }

    /** Every label a region is known by, for matching (label to region code). */
    public Map<String, Region> regionLabels() {
        return Collections.unmodifiableMap(regionByLabel);
    }

    public Map<String, Sector> sectorLabels() {
        return Collections.unmodifiableMap(sectorByLabel);
    }

    private interface Opener {
        InputStream open(String name) throws IOException;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CityFile(
            String city,
            List<String> targets,
            List<RegionEntry> regions,
            List<SectorEntry> sectors,

            @com.fasterxml.jackson.annotation.JsonProperty("header_aliases")
            Map<String, Map<String, List<String>>> headerAliases) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record RegionEntry(String code, String name, String kind, List<String> aliases) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record SectorEntry(String code, String name, String parent, List<String> aliases) {}

    private static ReferenceData parse(InputStream in, Opener opener) throws IOException {
        CityFile file = YAML.readValue(in, CityFile.class);
        List<Region> regions = new ArrayList<>();
        for (RegionEntry e : file.regions()) {
            regions.add(new Region(
                    e.code(),
                    e.name(),
                    Region.Kind.valueOf(e.kind().toUpperCase(Locale.ROOT)),
                    e.aliases() == null ? List.of() : e.aliases()));
        }
        List<Sector> sectors = new ArrayList<>();
        for (SectorEntry e : file.sectors()) {
            sectors.add(new Sector(e.code(), e.name(), e.parent(), e.aliases() == null ? List.of() : e.aliases()));
        }
        Map<Integer, YearTargets> targets = new TreeMap<>();
        for (String name : file.targets() == null ? List.<String>of() : file.targets()) {
            try (InputStream t = opener.open(name)) {
                YearTargets y = YAML.readValue(t, YearTargets.class);
                targets.put(y.year(), y);
            }
        }
        return new ReferenceData(file.city(), regions, sectors, targets, file.headerAliases());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("bundled resource missing: " + name);
        }
        return in;
    }
}
