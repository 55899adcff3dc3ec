package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelVoteTest {
    private static Match m(int rank, String label) {
        return new Match(rank, rank, "img" + rank, label, rank / 10.0);
    }

    @Test
    void majorityWinsWithItsShareOfAllMatches() {
        assertEquals(new Prediction("b", 0.6, 3),
                LabelVote.predict(List.of(m(1, "a"), m(2, "b"), m(3, "b"), m(4, "a"), m(5, "b"))).orElseThrow());
    }

    @Test
    void tieGoesToTheLabelOfTheBestRankedMatch() {
        assertEquals("b", LabelVote.predict(List.of(m(1, "b"), m(2, "a"), m(3, "a"), m(4, "b"))).orElseThrow().label());
    }

    @Test
    void unlabelledMatchesCountInTheShareButDoNotVote() {
        assertEquals(new Prediction("a", 0.25, 1),
                LabelVote.predict(List.of(m(1, null), m(2, "a"), m(3, null), m(4, null))).orElseThrow());
        assertTrue(LabelVote.predict(List.of(m(1, null))).isEmpty());
        assertTrue(LabelVote.predict(List.of()).isEmpty());
    }

    @Test
    void majorityGoesToTheMostFrequentLabelAndTiesToTheFirstRanked() {
        assertEquals("b", LabelVote.majorityLabel(List.of("a", "b", "b")));
        assertEquals("b", LabelVote.majorityLabel(List.of("b", "a", "a", "b")));
        assertEquals("a", LabelVote.majorityLabel(List.of("a", "b", "b", "a", "c")));
        assertEquals("a", LabelVote.majorityLabel(Arrays.asList(null, null, "a")));
        assertNull(LabelVote.majorityLabel(Arrays.asList((String) null)));
    }

    @Test
    void lenientRuleCountsATieForFirstPlace() {
        assertTrue(LabelVote.isAmongMostFrequent(List.of("b", "a", "a", "b"), "a"));
        assertTrue(LabelVote.isAmongMostFrequent(List.of("a", "a", "b"), "a"));
        assertFalse(LabelVote.isAmongMostFrequent(List.of("a", "b", "b"), "a"));
        assertFalse(LabelVote.isAmongMostFrequent(List.of("b"), "a"));
    }
}
