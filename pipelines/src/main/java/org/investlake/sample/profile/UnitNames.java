package org.investlake.sample.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Distinct two-character place stems (安川, 青阳 …) for county-level units. The stem is a unit's
 * alias and, with 区/县/市, its name, so distinct stems give distinct names and aliases. The
 * characters avoid those the label folding strips or reads as numbering (其, 内, 含, 一 … 十) and
 * those of the total's labels (全, 合, 总), so no unit can be mistaken for another or for the total.
 */
final class UnitNames {
    private static final String FIRST =
            "安宝北滨博昌长成崇大丹德东丰福阜高古广海汉和河鹤横红华怀淮黄吉建江金景靖康乐黎连临灵龙隆鲁洛梅明" + "南宁平浦青清庆泉仁荣瑞山尚韶石寿顺松泰唐桃天通万望文武西仙襄新兴阳永玉云枣昭贞正舟";
    private static final String SECOND = "安坝川昌城丹德定都丰峰阜冈湖华化江津康兰乐林陵罗门宁平浦桥泉山水台潭亭田溪祥阳源远原州泽庄兴义邑营屯沙河关口海塘宜阴谷";

    /** The most stems there are. */
    static final int CAPACITY = capacity();

    private UnitNames() {}

    /** {@code count} distinct stems in a shuffled order fixed by {@code seed}. */
    static List<String> stems(int count, long seed) {
        if (count > CAPACITY) {
            throw new IllegalArgumentException("at most " + CAPACITY + " unit names, asked for " + count);
        }
        List<String> all = allStems();
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, count));
    }

    private static List<String> allStems() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < FIRST.length(); i++) {
            for (int j = 0; j < SECOND.length(); j++) {
                if (FIRST.charAt(i) != SECOND.charAt(j)) {
                    all.add("" + FIRST.charAt(i) + SECOND.charAt(j));
                }
            }
        }
        return all;
    }

    private static int capacity() {
        return allStems().size();
    }
}
