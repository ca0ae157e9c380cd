package org.investlake.sample;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SampleGenerator#writeTo} wrote: every file in write order, the count per feed, and a
 * few lines in plain words saying which story is planted in the data (and which rows are bad), so a
 * demo or a test knows what the marts should find; {@code profile} is the city file of the synthetic
 * profile a PROVINCE or NATION sample wrote (to load it with {@code --config}), null for CITY.
 */
public record SampleSummary(
        List<Path> files, int statsFiles, int projectFiles, int bondFiles, List<String> story, Path profile) {

    public SampleSummary {
        files = List.copyOf(files);
        story = List.copyOf(story);
    }
}
