package org.cbir.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void averagePrecisionSumsPrecisionAtEachRelevantRankOverN() {
        // relevant at ranks 1, 3 and 6 of N = 3: (1/1 + 2/3 + 3/6) / 3
        boolean[] ranking = {true, false, true, false, false, true};
        assertEquals((1.0 + 2.0 / 3 + 0.5) / 3, RankingMetrics.averagePrecision(ranking, 3), 1e-15);
        assertEquals(1.0, RankingMetrics.averagePrecision(new boolean[] {true, true, false}, 2), 1e-15);
    }

    @Test
    void relevantImagesMissingFromTheRankingLowerAveragePrecision() {
        // two of N = 4 found, at ranks 2 and 3: (1/2 + 2/3) / 4
        boolean[] ranking = {false, true, true};
        assertEquals((0.5 + 2.0 / 3) / 4, RankingMetrics.averagePrecision(ranking, 4), 1e-15);
        assertEquals(0.0, RankingMetrics.averagePrecision(new boolean[] {false, false}, 1));
    }

    @Test
    void averagePrecisionRejectsAnImpossibleN() {
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.averagePrecision(new boolean[] {true}, 0));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.averagePrecision(new boolean[] {true, true}, 1));
        assertTrue(tooMany.getMessage().contains("2 relevant"), tooMany.getMessage());
    }

    @Test
    void cutoffResolvesOmegaToTheClassSizeAndClampsToTheRanking() {
        assertEquals(5, Cutoff.of(5).resolve(100, 10));
        assertEquals(3, Cutoff.of(5).resolve(100, 3));
        assertEquals(7, Cutoff.classSize().resolve(7, 10));
        assertEquals(1, Cutoff.classSize().resolve(0, 10));
        assertEquals("Ω", Cutoff.classSize().toString());
        assertEquals("omega", Cutoff.classSize().asciiName());
        assertThrows(IllegalArgumentException.class, () -> Cutoff.of(0));
    }
}
