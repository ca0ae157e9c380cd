package org.investlake.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.investlake.reference.ReferenceData;

/**
 * A feed's source contract, read from {@code schemas/<feed>.yaml}: columns with their aliases, type
 * and unit, the header rule that recognises the feed, the silver key, and the quality rules with
 * their action and Chinese message.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedSchema(
        String feed,
        String description,
        Identify identify,
        List<String> key,

        @com.fasterxml.jackson.annotation.JsonProperty("snapshot_per_period")
        boolean snapshotPerPeriod,

        @com.fasterxml.jackson.annotation.JsonProperty("keep_loaded_when_missing")
        boolean keepLoadedWhenMissing,

        @com.fasterxml.jackson.annotation.JsonProperty("total_row_labels")
        List<String> totalRowLabels,

        @com.fasterxml.jackson.annotation.JsonProperty("history_columns")
        Map<String, String> historyColumns,

        List<ColumnSpec> columns,
        List<RuleSpec> rules,

        @com.fasterxml.jackson.annotation.JsonProperty("rate_of_change")
        RateOfChange rateOfChange) {

    /**
     * The rate-of-change flag of a feed (rule {@code rate_of_change}, action {@code flag}): a value of {@code metric}
     * whose change from the month before moves far more than the same series' changes in the earlier months of
     * the year. {@code series} names the columns that make a series, {@code name} the SQL expression that names one
     * in a message, {@code label}, {@code valueUnit} and {@code unit} the metric, its unit and the unit of its change, {@code minMove} the
     * smallest change ever flagged (a series whose earlier changes were all equal would flag any other).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RateOfChange(
            List<String> series,
            String metric,
            String name,
            String label,

            @com.fasterxml.jackson.annotation.JsonProperty("value_unit")
            String valueUnit,

            String unit,

            @com.fasterxml.jackson.annotation.JsonProperty("min_move")
            double minMove) {}

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The header names a file must show to be this feed: one of each list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identify(
            @com.fasterxml.jackson.annotation.JsonProperty("any_of")
            List<String> anyOf,

            @com.fasterxml.jackson.annotation.JsonProperty("and_any_of")
            List<String> andAnyOf) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ColumnSpec(
            String name,
            String label,
            String type,
            String unit,
            boolean required,
            List<String> aliases,
            Map<String, List<String>> values) {
        public boolean isAmount() {
            return "amount".equals(type);
        }
    }

    /**
     * A quality rule: drop (row to quarantine), warn (row loads, counted) or fail (file rejected).
     * {@code check} is a Spark SQL predicate over the parsed row that must hold; a rule without one is a
     * file rule the loader checks itself. {@code value} and {@code detail} are SQL expressions filling
     * the message's {value} and {detail} (value defaults to the column's text as delivered). A rule with
     * {@code columns} stands for one rule per column, {column} replaced in check and value.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleSpec(
            String id,
            String action,
            String column,
            List<String> columns,
            String check,
            String value,
            String detail,
            String message) {

        /** One rule per column for a rule over {@code columns}; the rule itself otherwise. */
        public List<RuleSpec> expand() {
            if (columns == null || columns.isEmpty()) {
                return List.of(this);
            }
            return columns.stream()
                    .map(c -> new RuleSpec(
                            id,
                            action,
                            c,
                            null,
                            check == null ? null : check.replace("{column}", c),
                            value == null ? null : value.replace("{column}", c),
                            detail == null ? null : detail.replace("{column}", c),
                            message))
                    .toList();
        }
    }

    /** The row rules (those with a check), expanded per column. */
    public List<RuleSpec> rowRules() {
        return rules.stream()
                .filter(r -> r.check() != null)
                .flatMap(r -> r.expand().stream())
                .toList();
    }

    public static FeedSchema load(String feed) {
        String path = "schemas/" + feed + ".yaml";
        try (InputStream in = FeedSchema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema for feed '" + feed + "' (" + path + ")");
            }
            return YAML.readValue(in, FeedSchema.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This contract with a city's own header words added to the national ones (config/city.yaml,
     * {@code header_aliases.FEED.COLUMN}), so another bureau's wording loads without a code change.
     */
    public static FeedSchema forCity(String feed, ReferenceData reference) {
        return load(feed).withAliases(reference.headerAliases(feed));
    }

    /** A copy whose columns also answer to {@code extra} (column name to aliases); an unknown column is refused. */
    public FeedSchema withAliases(Map<String, List<String>> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        for (String name : extra.keySet()) {
            if (column(name).isEmpty()) {
                throw new IllegalArgumentException("city file: header_aliases." + feed + "." + name + " — 「" + name
                        + "」不是 " + feed + " 的列;可用的列: "
                        + String.join(
                                ", ", columns.stream().map(ColumnSpec::name).toList()));
            }
        }
        List<ColumnSpec> merged = columns.stream()
                .map(c -> {
                    List<String> more = extra.getOrDefault(c.name(), List.of());
                    if (more == null || more.isEmpty()) {
                        return c;
                    }
                    List<String> aliases = new java.util.ArrayList<>(c.aliases() == null ? List.of() : c.aliases());
                    aliases.addAll(more);
                    return new ColumnSpec(c.name(), c.label(), c.type(), c.unit(), c.required(), aliases, c.values());
                })
                .toList();
        return new FeedSchema(
                feed,
                description,
                identify,
                key,
                snapshotPerPeriod,
                keepLoadedWhenMissing,
                totalRowLabels,
                historyColumns,
                merged,
                rules,
                rateOfChange);
    }

    /** Labels that mark a trailing total row (合计) rather than a record of this feed; none for stats. */
    public List<String> totalRowLabelsOrEmpty() {
        return totalRowLabels == null ? List.of() : totalRowLabels;
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public RuleSpec rule(String id) {
        return rules.stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("rule " + id + " not declared in schemas/" + feed + ".yaml"));
    }

    /** The rule's message with {placeholders} filled in. */
    public String message(String ruleId, Map<String, String> values) {
        String m = rule(ruleId).message();
        for (Map.Entry<String, String> e : values.entrySet()) {
            m = m.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
        }
        return m;
    }

    /** Whether a header that matched {@code matched} columns is this feed's header. */
    public boolean identifies(java.util.Set<String> matched) {
        boolean first = identify.anyOf().stream().anyMatch(matched::contains);
        boolean second =
                identify.andAnyOf() == null || identify.andAnyOf().stream().anyMatch(matched::contains);
        return first && second;
    }
}
