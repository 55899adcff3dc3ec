package org.cbir.core.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

/** In-memory collections: labels, selection, and the stratified split. */
class ImageCollectionTest {
    private static final Image PIXEL = Image.grey(1, 1, new float[] {0.5f});

    /** Entries named {@code label-i} (or {@code none-i}), {@code counts} per label in the given order. */
    private static ImageCollection labelled(Map<String, Integer> counts) {
        List<ImageEntry> entries = new ArrayList<>();
        // interleave the labels so that collection order differs from label order
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (Map.Entry<String, Integer> c : counts.entrySet()) {
                if (i < c.getValue()) {
                    String label = c.getKey().equals("none") ? null : c.getKey();
                    entries.add(new ImageEntry.InMemory(c.getKey() + "-" + i, label, PIXEL));
                }
            }
        }
        return ImageCollection.of(entries);
    }

    private static Map<String, Integer> counts(Object... labelAndCount) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < labelAndCount.length; i += 2) {
            map.put((String) labelAndCount[i], (Integer) labelAndCount[i + 1]);
        }
        return map;
    }

    private static List<String> names(ImageCollection collection) {
        return collection.entries().stream().map(ImageEntry::name).toList();
    }

    @Test
    void labelsCountsAndSelection() {
        ImageCollection c = labelled(counts("b", 2, "a", 3, "none", 1));
        assertEquals(6, c.size());
        assertFalse(c.isEmpty());
        assertEquals(List.of("b", "a"), List.copyOf(c.labels()));
        assertFalse(c.isLabeled());
        assertEquals(counts("b", 2, "a", 3), c.countsByLabel());
        assertEquals(List.of("a-0", "a-1", "a-2"), names(c.withLabel("a")));
        assertTrue(c.withLabel("b").isLabeled());
        assertEquals("ImageCollection[6 images, {b=2, a=3}, 1 unlabelled]", c.toString());
    }

    @Test
    void unknownLabelIsRefusedListingTheKnownOnes() {
        ImageCollection c = labelled(counts("cat", 1, "dog", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withLabel("cow"));
        assertTrue(e.getMessage().contains("'cow'") && e.getMessage().contains("[cat, dog]"), e.getMessage());
    }

    @Test
    void fromImagesKeepsTheMapOrderAndIsUnlabelled() throws Exception {
        Map<String, Image> images = new LinkedHashMap<>();
        images.put("z", PIXEL);
        images.put("a", Image.grey(1, 1, new float[] {1f}));
        ImageCollection c = ImageCollection.fromImages(images);
        assertEquals(List.of("z", "a"), names(c));
        assertTrue(c.labels().isEmpty());
        assertFalse(c.isLabeled());
        assertEquals(1f, c.entries().get(1).load().sample(0, 0, 0));
    }

    @Test
    void ofWithLabelledInMemoryEntries() {
        ImageCollection c = ImageCollection.of(new ImageEntry.InMemory("x", "up", PIXEL),
                new ImageEntry.InMemory("y", "down", PIXEL));
        assertTrue(c.isLabeled());
        assertEquals(Set.of("up", "down"), c.labels());
        assertTrue(ImageCollection.of(List.of()).isEmpty());
        assertFalse(ImageCollection.of(List.of()).isLabeled());
        assertThrows(NullPointerException.class, () -> ImageCollection.of((ImageEntry) null));
    }

    @Test
    void collectionsAreImmutable() {
        List<ImageEntry> list = new ArrayList<>(List.of(new ImageEntry.InMemory("x", null, PIXEL)));
        ImageCollection c = ImageCollection.of(list);
        list.clear();
        assertEquals(1, c.size());
        assertThrows(UnsupportedOperationException.class, () -> c.entries().clear());
        assertThrows(UnsupportedOperationException.class, () -> c.countsByLabel().clear());
    }

    @Test
    void splitFractionMustBeStrictlyBetweenZeroAndOne() {
        ImageCollection c = labelled(counts("a", 4));
        for (double bad : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.split(bad, 1));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void splitIsStratifiedWithRoundedCountsPerLabel() {
        ImageCollection c = labelled(counts("a", 10, "b", 7, "c", 1, "d", 2, "e", 4, "none", 5));
        ImageCollection.Split split = c.split(0.3, 42);
        // round(0.3 * n): a 3, b 2.1 -> 2, c 0.3 -> 0 (a single entry), d 0.6 -> 1, e 1.2 -> 1, none 1.5 -> 2
        assertEquals(counts("a", 3, "b", 2, "d", 1, "e", 1), split.train().countsByLabel());
        assertEquals(2, split.train().size() - 7);
        assertEquals(counts("a", 7, "b", 5, "c", 1, "d", 1, "e", 3), split.test().countsByLabel());
    }

    @Test
    void everyGroupOfTwoOrMoreGetsAtLeastOneEntryInEachPart() {
        ImageCollection c = labelled(counts("a", 4, "b", 2));
        // 0.05 * 4 = 0.2 rounds to 0, raised to 1; 0.95 * 4 = 3.8 rounds to 4, lowered to 3
        assertEquals(counts("a", 1, "b", 1), c.split(0.05, 3).train().countsByLabel());
        assertEquals(counts("a", 3, "b", 1), c.split(0.95, 3).train().countsByLabel());
        // a single entry goes to training when fraction >= 0.5 (round half up)
        assertEquals(1, labelled(counts("a", 1)).split(0.5, 3).train().size());
        assertEquals(0, labelled(counts("a", 1)).split(0.49, 3).train().size());
    }

    @Test
    void splitIsDisjointCoveringAndKeepsCollectionOrder() {
        ImageCollection c = labelled(counts("a", 30, "b", 20, "none", 9));
        ImageCollection.Split split = c.split(0.4, 7);
        List<String> all = names(c);
        Set<String> train = new HashSet<>(names(split.train()));
        Set<String> test = new HashSet<>(names(split.test()));
        assertEquals(split.train().size(), train.size());
        assertTrue(train.stream().noneMatch(test::contains));
        assertEquals(all.size(), train.size() + test.size());
        assertEquals(new HashSet<>(all), union(train, test));
        assertEquals(all.stream().filter(train::contains).toList(), names(split.train()));
        assertEquals(all.stream().filter(test::contains).toList(), names(split.test()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    @Test
    void sameSeedSameSplitAndOtherSeedsDiffer() {
        ImageCollection c = labelled(counts("a", 50, "b", 50));
        assertEquals(c.split(0.5, 11), c.split(0.5, 11));
        assertEquals(c.split(0.5, 11), labelled(counts("a", 50, "b", 50)).split(0.5, 11));
        Set<List<String>> trains = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            trains.add(names(c.split(0.5, seed).train()));
        }
        assertEquals(10, trains.size(), "ten seeds give ten different splits");
    }

    @Test
    void aLabelsSplitDoesNotDependOnTheOtherLabels() {
        ImageCollection both = labelled(counts("a", 40, "b", 25));
        ImageCollection onlyA = both.withLabel("a");
        assertEquals(both.split(0.25, 99).train().withLabel("a"), onlyA.split(0.25, 99).train());
    }
}
