package org.investlake.sample;

import java.util.SplittableRandom;

/**
 * The generator of one drawn row: seeded by the year, the kind of row and its index, so any
 * project or bond of any month is drawn alike without drawing the ones before it.
 */
final class DrawSeed {
    private DrawSeed() {}

    static SplittableRandom of(int year, String kind, long index) {
        long seed = 0x1A2B3C4DL * year;
        for (char c : kind.toCharArray()) {
            seed = seed * 31 + c;
        }
        // SplittableRandom mixes its seed (MurmurHash3 finaliser), so neighbouring indexes draw unrelated numbers.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }
}
