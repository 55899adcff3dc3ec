package org.cbir.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.RestoreContext;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.lsh.LshForest;
import org.cbir.index.pca.Pca;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module's components come back from their specs through the service loader. */
class IndexComponentsTest {
    @TempDir
    Path dir;

    @Test
    void pcaRoundTripsThroughTheServiceLoader() throws IOException {
        Reducer recipe = Pca.explainedVariance(0.9).whitened();
        Random random = new Random(1);
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            float[] row = new float[6];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (random.nextGaussian() * (j + 1));
            }
            rows.add(row);
        }
        Reducer.Fitted fitted = recipe.fit(rows);
        fitted.save(StoreDirectory.local(dir));

        Reducer restored = ComponentRegistry.standard().restore(ComponentRole.REDUCER, recipe.spec());
        assertEquals(recipe.spec(), restored.spec());
        Reducer.Fitted loaded = ComponentRegistry.standard().restore(ComponentRole.FITTED_REDUCER, recipe.spec(),
                RestoreContext.withState(ComponentRegistry.standard(), StoreDirectory.local(dir)));
        assertArrayEquals(fitted.apply(rows.get(0)), loaded.apply(rows.get(0)), 0);
    }

    @Test
    void lshForestRoundTripsThroughTheServiceLoader() throws IOException {
        LshForest forest = LshForest.builder().trees(3).candidates(9).minHashMatch(2).hashBits(48).seed(-8).build();
        Index index = forest.create(4, Similarity.cosine());
        index.add(5, new float[] {1, 2, 3, 4});
        index.add(6, new float[] {-1, 2, -3, 4});
        index.save(StoreDirectory.local(dir));

        IndexFactory restored = ComponentRegistry.standard().restore(ComponentRole.INDEX, forest.spec());
        assertEquals(forest.spec(), restored.spec());
        Index loaded = ComponentRegistry.standard().restore(ComponentRole.SAVED_INDEX, forest.spec(),
                RestoreContext.withState(ComponentRegistry.standard(), StoreDirectory.local(dir))
                        .withSimilarity(Similarity.cosine()));
        assertEquals(index.search(new float[] {1, 2, 3, 3}, 2), loaded.search(new float[] {1, 2, 3, 3}, 2));
        assertEquals(Set.of("pca", "lsh-forest", "graph", "exact-int8", "exact-binary", "ivf", "ivf-pq"), new IndexComponents().componentTypes().stream()
                .map(t -> t.name()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void graphIndexRoundTripsThroughTheServiceLoader() throws IOException {
        NeighborGraph graph = NeighborGraph.builder().maxDegree(8).beamWidth(20).alpha(1.3f).neighborOverflow(1.4f)
                .hierarchy(false).searchBeam(7).build();
        Index index = graph.create(4, Similarity.cosine());
        index.add(5, new float[] {1, 2, 3, 4});
        index.add(6, new float[] {-1, 2, -3, 4});
        index.add(7, new float[] {1, 2, 3, 3});
        index.save(StoreDirectory.local(dir));

        IndexFactory restored = ComponentRegistry.standard().restore(ComponentRole.INDEX, graph.spec());
        assertEquals(graph.spec(), restored.spec());
        Index loaded = ComponentRegistry.standard().restore(ComponentRole.SAVED_INDEX, graph.spec(),
                RestoreContext.withState(ComponentRegistry.standard(), StoreDirectory.local(dir))
                        .withSimilarity(Similarity.cosine()));
        assertEquals(index.search(new float[] {1, 2, 3, 3}, 2), loaded.search(new float[] {1, 2, 3, 3}, 2));
        assertEquals(7, loaded.search(new float[] {1, 2, 3, 3}, 2).get(0).id());
    }

    @Test
    void eachTypeIsListedUnderItsRole() {
        var types = new IndexComponents().componentTypes();
        assertEquals(14, types.size(), "each type with its recipe and its saved object");
        for (var type : types) {
            Set<ComponentRole<?>> roles = type.name().equals("pca")
                    ? Set.of(ComponentRole.REDUCER, ComponentRole.FITTED_REDUCER)
                    : Set.of(ComponentRole.INDEX, ComponentRole.SAVED_INDEX);
            assertTrue(roles.contains(type.role()), type.name() + " is listed as " + type.role());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.REDUCER, ComponentSpec.of("graph")));
        assertTrue(e.getMessage().contains("reducer type 'graph'"), e.getMessage());
    }
}
