package org.cbir.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.cbir.core.Match;
import org.cbir.core.Prediction;
import org.junit.jupiter.api.Test;

class LabelVotesTest {
    private static Match m(int rank, String label) {
        return new Match(rank, rank, "img" + rank, label, rank / 10.0);
    }

    @Test
    void majorityWinsWithItsShareOfAllMatches() {
        assertEquals(new Prediction("b", 0.6, 3),
                LabelVotes.predict(List.of(m(1, "a"), m(2, "b"), m(3, "b"), m(4, "a"), m(5, "b"))).orElseThrow());
    }

    @Test
    void tieGoesToTheLabelOfTheBestRankedMatch() {
        assertEquals("b", LabelVotes.predict(List.of(m(1, "b"), m(2, "a"), m(3, "a"), m(4, "b"))).orElseThrow().label());
    }

    @Test
    void unlabelledMatchesCountInTheShareButDoNotVote() {
        assertEquals(new Prediction("a", 0.25, 1),
                LabelVotes.predict(List.of(m(1, null), m(2, "a"), m(3, null), m(4, null))).orElseThrow());
        assertTrue(LabelVotes.predict(List.of(m(1, null))).isEmpty());
        assertTrue(LabelVotes.predict(List.of()).isEmpty());
    }

    @Test
    void majorityGoesToTheMostFrequentLabelAndTiesToTheFirstRanked() {
        assertEquals("b", LabelVotes.majorityLabel(List.of("a", "b", "b")));
        assertEquals("b", LabelVotes.majorityLabel(List.of("b", "a", "a", "b")));
        assertEquals("a", LabelVotes.majorityLabel(List.of("a", "b", "b", "a", "c")));
        assertEquals("a", LabelVotes.majorityLabel(Arrays.asList(null, null, "a")));
        assertNull(LabelVotes.majorityLabel(Arrays.asList((String) null)));
    }

    @Test
    void lenientRuleCountsATieForFirstPlace() {
        assertTrue(LabelVotes.isAmongMostFrequent(List.of("b", "a", "a", "b"), "a"));
        assertTrue(LabelVotes.isAmongMostFrequent(List.of("a", "a", "b"), "a"));
        assertFalse(LabelVotes.isAmongMostFrequent(List.of("a", "b", "b"), "a"));
        assertFalse(LabelVotes.isAmongMostFrequent(List.of("b"), "a"));
    }
}
