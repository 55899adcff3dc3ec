package org.cbir.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cbir.core.internal.io.AtomicOutput;
import org.cbir.core.internal.io.CsvText;

/**
 * The groups that a grouper found: for each image (by index id) its group number, 0..groupCount-1,
 * or {@link #NOISE} for an image that a density-based grouper left in no group, and its distance
 * to its group's centre (the mean of its members' signatures), which ranks the members from the
 * most central. Immutable (the arrays are copied in and out).
 *
 * @param method what grouped the images, with its parameters, for reports
 */
public record Grouping(String method, long[] ids, int[] groups, double[] centerDistances) {
    /** The group number of an image in no group. */
    public static final int NOISE = -1;

    public Grouping {
        Objects.requireNonNull(method, "method");
        if (ids.length != groups.length || ids.length != centerDistances.length) {
            throw new IllegalArgumentException("ids, groups and distances differ in length: " + ids.length + ", "
                    + groups.length + ", " + centerDistances.length);
        }
        ids = ids.clone();
        groups = groups.clone();
        centerDistances = centerDistances.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    @Override
    public double[] centerDistances() {
        return centerDistances.clone();
    }

    /** How many groups there are (noise is not a group). */
    public int groupCount() {
        int max = -1;
        for (int g : groups) {
            max = Math.max(max, g);
        }
        return max + 1;
    }

    /** How many images are in no group. */
    public int noiseCount() {
        int count = 0;
        for (int g : groups) {
            count += g == NOISE ? 1 : 0;
        }
        return count;
    }

    /** The positions (into {@link #ids()}) of group {@code group}'s members, most central first (ties by id). */
    public List<Integer> members(int group) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == group) {
                members.add(i);
            }
        }
        members.sort(Comparator.comparingDouble((Integer i) -> centerDistances[i]).thenComparingLong(i -> ids[i]));
        return members;
    }

    /** The sizes of the groups, by group number. */
    public int[] sizes() {
        int[] sizes = new int[groupCount()];
        for (int g : groups) {
            if (g != NOISE) {
                sizes[g]++;
            }
        }
        return sizes;
    }

    /**
     * Writes {@code path,label,rank,distance_to_centre}, one line per image, group by group, the
     * most central first (rank 1), then the images in no group (empty label and rank). The
     * label column holds the group, {@code group-N}: {@code ImageCollection.fromCsv} gives a collection labelled
     * {@code group-N}, with the noise unlabelled. The file is replaced atomically.
     *
     * @param paths the path of each image by id
     */
    public void writeCsv(Path file, Map<Long, String> paths) throws IOException {
        StringBuilder csv = new StringBuilder("path,label,rank,distance_to_centre\n");
        for (int g = 0; g < groupCount(); g++) {
            List<Integer> members = members(g);
            for (int r = 0; r < members.size(); r++) {
                int i = members.get(r);
                CsvText.line(csv, paths.get(ids[i]), groupName(g), Integer.toString(r + 1),
                        String.format(Locale.ROOT, "%.6g", centerDistances[i]));
            }
        }
        for (int i = 0; i < ids.length; i++) {
            if (groups[i] == NOISE) {
                CsvText.line(csv, paths.get(ids[i]), "", "", "");
            }
        }
        AtomicOutput.writeString(file, csv.toString());
    }

    /** The label a group is written under: {@code group-N}. */
    public static String groupName(int group) {
        return "group-" + group;
    }
}
