package org.cbir.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cbir.core.ImageRecord;
import org.cbir.core.Match;
import org.cbir.core.QueryResult;
import org.cbir.core.image.Images;
import org.cbir.eval.sheet.ResultSheet;

/**
 * A result sheet of groups of images ({@code cbir group}, {@code cbir duplicates}): one row per
 * group, its first member in the query's place, the next ones beside it with their distance
 * (to the group's centre, or to the first member).
 */
final class GroupSheet {
    private GroupSheet() {
    }

    /**
     * One group to draw.
     *
     * @param name the caption of the row
     * @param ids the members to show, the first in the query's place
     * @param distances their distances, in the same order
     */
    record Group(String name, List<Long> ids, List<Double> distances) {
    }

    static void write(Path png, List<Group> groups, Map<Long, ImageRecord> records, int columns) throws IOException {
        List<ResultSheet.Row> rows = new ArrayList<>();
        for (Group g : groups) {
            ImageRecord first = records.get(g.ids().get(0));
            List<Match> matches = new ArrayList<>();
            for (int i = 1; i < g.ids().size(); i++) {
                ImageRecord r = records.get(g.ids().get(i));
                matches.add(new Match(i, r.id(), r.path(), r.label(), g.distances().get(i)));
            }
            rows.add(new ResultSheet.Row(g.name(), Images.read(Path.of(first.path())), null,
                    new QueryResult(matches, Optional.empty())));
        }
        ResultSheet.builder().maxMatches(Math.max(1, columns)).build().write(rows, png);
    }
}
