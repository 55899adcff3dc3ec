package org.cbir.core.collection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The stratified split behind {@link ImageCollection#split}; the rules are documented there. */
final class StratifiedSplitter {

    private StratifiedSplitter() {
    }

    /** Whether each entry goes to the training part. */
    static boolean[] trainMask(List<ImageEntry> entries, double fraction, long seed) {
        if (!(fraction > 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException("split fraction must be in (0, 1), exclusive, got " + fraction);
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            groups.computeIfAbsent(entries.get(i).label(), label -> new ArrayList<>()).add(i);
        }
        boolean[] train = new boolean[entries.size()];
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            int[] members = group.getValue().stream().mapToInt(Integer::intValue).toArray();
            shuffle(members, new Random(groupSeed(seed, group.getKey())));
            int count = trainCount(members.length, fraction);
            for (int k = 0; k < count; k++) {
                train[members[k]] = true;
            }
        }
        return train;
    }

    /** {@code round(fraction * size)}, then at least 1 and at most size - 1 for groups of two or more. */
    static int trainCount(int size, double fraction) {
        int count = (int) Math.round(fraction * size);
        return size >= 2 ? Math.max(1, Math.min(size - 1, count)) : count;
    }

    /** Fisher-Yates, from the last position down: position i swaps with {@code nextInt(i + 1)}. */
    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * The seed of a label's generator: SplitMix64's finaliser applied to {@code seed} XOR the
     * 64-bit FNV-1a hash of the label's UTF-8 bytes (0 for unlabelled entries). Depends on the
     * label only, not on the other labels or their order.
     */
    static long groupSeed(long seed, String label) {
        long hash = 0;
        if (label != null) {
            hash = 0xcbf29ce484222325L;
            for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
        }
        long z = (seed ^ hash) + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
