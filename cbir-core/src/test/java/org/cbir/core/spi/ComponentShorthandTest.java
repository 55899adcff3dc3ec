package org.cbir.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

/** Short choices such as {@code ivf:1024:4}: longest name first, positional parameters, clear refusals. */
class ComponentShorthandTest {

    /** The sample at one pixel; {@code mirrored} reads it from the right. */
    private record PixelSample(String type, int row, int column) implements FeatureExtractor {
        PixelSample {
            if (row < 0 || column < 0) {
                throw new IllegalArgumentException("row and column must be >= 0, got " + row + ", " + column);
            }
        }

        static PixelSample fromSpec(ComponentSpec spec) {
            return new PixelSample(spec.type(), spec.requireInt("row"), spec.requireInt("column"));
        }

        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of(type, "row", row, "column", column);
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[] extract(Image image) {
            return new float[] {image.greyIntensities()[row * image.width() + column]};
        }
    }

    private static final ComponentSpec PIXEL = ComponentSpec.of("pixel", "row", 0, "column", 0);
    private static final ComponentSpec MIRRORED = ComponentSpec.of("pixel-mirrored", "row", 0, "column", 5);

    private static final ComponentProvider PIXELS = () -> List.of(
            ComponentType.extractor("pixel", (spec, context) -> PixelSample.fromSpec(spec))
                    .withShorthand("pixel", PIXEL, "row", "column"),
            ComponentType.extractor("pixel-mirrored", (spec, context) -> PixelSample.fromSpec(spec))
                    .withShorthand("pixel:mirrored", MIRRORED, "row"),
            ComponentType.extractor("no-shorthand", (spec, context) -> PixelSample.fromSpec(spec)));

    private final ComponentRegistry registry = ComponentRegistry.of(PIXELS);

    private FeatureExtractor choose(String choice) {
        return registry.fromShorthand(ComponentRole.EXTRACTOR, choice);
    }

    @Test
    void positionalValuesReplaceTheDefaultsInOrder() {
        assertEquals(PIXEL, choose("pixel").spec());
        assertEquals(ComponentSpec.of("pixel", "row", 3, "column", 0), choose("pixel:3").spec());
        assertEquals(ComponentSpec.of("pixel", "row", 3, "column", 4), choose(" PIXEL:3:4 ").spec());
    }

    @Test
    void theLongestNameThatPrefixesTheChoiceWins() {
        assertEquals(MIRRORED, choose("pixel:mirrored").spec());
        assertEquals(ComponentSpec.of("pixel-mirrored", "row", 2, "column", 5), choose("pixel:mirrored:2").spec());
    }

    @Test
    void usagesListEveryShorthandOfTheRoleSortedByName() {
        assertEquals(List.of("pixel[:ROW[:COLUMN]]", "pixel:mirrored[:ROW]"),
                registry.shorthands(ComponentRole.EXTRACTOR).stream().map(ComponentType.Shorthand::usage).toList());
        assertEquals(List.of(), registry.shorthands(ComponentRole.SIMILARITY));
    }

    @Test
    void badChoicesAreRefusedNamingTheChoiceAndWhatIsAllowed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> choose("voxel:1"));
        assertEquals("unknown extractor 'voxel:1'; choose pixel[:ROW[:COLUMN]], pixel:mirrored[:ROW]", unknown.getMessage());

        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> choose("pixel:mirrored:1:2"));
        assertEquals("'pixel:mirrored:1:2': pixel:mirrored takes at most 1 parameter (pixel:mirrored[:ROW])",
                tooMany.getMessage());

        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class, () -> choose("pixel:x"));
        assertTrue(notANumber.getMessage().startsWith("'pixel:x': "), notANumber.getMessage());
        assertTrue(notANumber.getMessage().contains("row"), notANumber.getMessage());

        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class, () -> choose("pixel:-1"));
        assertEquals("'pixel:-1': row and column must be >= 0, got -1, 0", invalid.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> choose("pixel::2"));
        assertEquals("'pixel::2': ROW is empty (pixel[:ROW[:COLUMN]])", empty.getMessage());
    }

    @Test
    void aShorthandMustMatchItsTypeAndParameters() {
        ComponentType<FeatureExtractor> type = ComponentType.extractor("pixel", (spec, context) -> PixelSample.fromSpec(spec));
        assertThrows(IllegalArgumentException.class, () -> type.withShorthand("pixel", MIRRORED, "row"));
        assertThrows(IllegalArgumentException.class, () -> type.withShorthand("pixel", PIXEL, "depth"));
        assertThrows(IllegalArgumentException.class, () -> type.withShorthand("Pixel", PIXEL));
        assertThrows(IllegalArgumentException.class, () -> type.withShorthand("pixel:", PIXEL));
    }

    @Test
    void oneShorthandNameClaimedByTwoTypesIsAnErrorNamingBoth() {
        ComponentProvider other = () -> List.of(ComponentType.extractor("other-pixel",
                (spec, context) -> PixelSample.fromSpec(spec)).withShorthand("pixel",
                ComponentSpec.of("other-pixel", "row", 0, "column", 0)));
        ComponentRegistry both = registry.with(other);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> both.fromShorthand(ComponentRole.EXTRACTOR, "pixel"));
        assertTrue(e.getMessage().contains("'pixel'") && e.getMessage().contains("type pixel")
                && e.getMessage().contains("type other-pixel"), e.getMessage());
    }
}
