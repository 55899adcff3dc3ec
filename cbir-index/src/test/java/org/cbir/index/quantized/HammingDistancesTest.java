package org.cbir.index.quantized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The block kernel against a bit-by-bit count, for every code length from 1 to 27 words (so every
 * combination of its groups of 8, 4, 2 and 1 words), with sparse, dense and random bits. Seeded.
 */
class HammingDistancesTest {

    @Test
    void everyCodeLengthAgreesWithCountingTheDifferingBitsOneByOne() {
        Random random = new Random(5);
        for (int words = 1; words <= 27; words++) {
            int rows = 1 + random.nextInt(70);
            long[] query = randomWords(random, words);
            int offset = random.nextInt(3) * words; // codes before the block: not read
            long[] codes = randomWords(random, offset + rows * words);
            codes[offset] = -1L; // a word of all ones
            int[] distances = new int[rows + 3];
            distances[rows] = 77; // past the block: left alone
            HammingDistances.of(query, codes, offset, rows, distances);
            int[] expected = new int[rows + 3];
            expected[rows] = 77;
            for (int r = 0; r < rows; r++) {
                for (int bit = 0; bit < 64 * words; bit++) {
                    long q = query[bit / 64] >>> (bit % 64) & 1;
                    long c = codes[offset + r * words + bit / 64] >>> (bit % 64) & 1;
                    expected[r] += q != c ? 1 : 0;
                }
            }
            assertArrayEquals(expected, distances, words + " words");
        }
    }

    /** Words whose bits are set with a density drawn per word: sparse, dense or even. */
    private static long[] randomWords(Random random, int count) {
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            double density = new double[] {0.02, 0.5, 0.98}[random.nextInt(3)];
            for (int b = 0; b < 64; b++) {
                if (random.nextDouble() < density) {
                    words[i] |= 1L << b;
                }
            }
        }
        return words;
    }
}
