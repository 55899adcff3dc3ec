package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.JsonResults;
import org.cbir.cli.SearchOptions;
import org.cbir.cluster.graph.NearDuplicates;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.internal.io.AtomicOutput;
import org.cbir.core.internal.io.CsvText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Finds groups of near-duplicate images: the same shot twice, or nearly. */
@Command(name = "duplicates", mixinStandardHelpOptions = true,
        description = {"Find groups of near-duplicate images: images linked when one is among the other's nearest neighbours",
            "within --threshold (in the metric's units), grouped through chains of links. Writes duplicates.csv,",
            "duplicates-sheet.png and report.md into --out."})
final class DuplicatesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COLLECTION", description = "Folder of images or CSV of paths.")
    Path collection;

    @Option(names = "--threshold", defaultValue = "1e-6",
            description = "Largest distance between duplicates; 0 for identical signatures only (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--neighbours", defaultValue = "10", description = "Neighbours searched per image (default: ${DEFAULT-VALUE}).")
    int neighbors;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder: new, empty, or an earlier output of cbir duplicates.")
    Path out;

    @Option(names = "--sheet-groups", defaultValue = "20", description = "Groups drawn in the sheet, largest first; 0 for none (default: ${DEFAULT-VALUE}).")
    int sheetGroups;

    @Option(names = "--json", description = "Print the groups as JSON instead of a summary.")
    boolean json;

    @Mixin
    SearchOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        ComponentChoices.notNegative(sheetGroups, "--sheet-groups");
        ComponentChoices.results(neighbors, "--neighbours");
        options.k(); // checks the range of -k, which this command shares with query and search
        NearDuplicates finder = new NearDuplicates(threshold, neighbors);
        ImageCollection images = ImageCollection.read(collection);
        OutputFolder.prepare(out, "duplicates");
        IndexedCollection indexed = IndexedCollection.of(options, images, images, progress);
        List<NearDuplicates.Group> groups = finder.find(indexed.index(), indexed.ids(), progress);
        Map<Long, ImageRecord> records = indexed.byId();
        List<List<Double>> distances = new ArrayList<>();
        for (NearDuplicates.Group g : groups) {
            distances.add(distancesToFirst(indexed.index(), indexed, g));
        }
        writeCsv(groups, distances, records);
        writeReport(groups, indexed);
        if (sheetGroups > 0 && !groups.isEmpty()) {
            List<GroupSheet.Group> rows = new ArrayList<>();
            for (int g = 0; g < Math.min(sheetGroups, groups.size()); g++) {
                List<Long> ids = groups.get(g).ids();
                int shown = Math.min(ids.size(), options.k() + 1);
                rows.add(new GroupSheet.Group("duplicates " + (g + 1) + " (" + ids.size() + " images)", ids.subList(0, shown),
                        distances.get(g).subList(0, shown)));
            }
            GroupSheet.write(out.resolve("duplicates-sheet.png"), rows, records, options.k());
        }
        if (json) {
            StringBuilder out = new StringBuilder("[");
            for (int g = 0; g < groups.size(); g++) {
                out.append(g == 0 ? "\n  " : ",\n  ").append("{\"largest_link\": ")
                        .append(LabelOutputs.number(groups.get(g).largestLink())).append(", \"paths\": [");
                List<Long> ids = groups.get(g).ids();
                for (int i = 0; i < ids.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(JsonResults.string(records.get(ids.get(i)).path()));
                }
                out.append("]}");
            }
            console.println(out.append(groups.isEmpty() ? "]" : "\n]"));
        } else {
            int duplicated = groups.stream().mapToInt(g -> g.ids().size()).sum();
            console.printf(Locale.ROOT, "%d groups of near-duplicates (%d images, %d of them redundant) among %d images within %.4g%n",
                    groups.size(), duplicated, duplicated - groups.size(), indexed.records().size(), threshold);
            console.printf("wrote %s: duplicates.csv, report.md%s%n", this.out.toAbsolutePath(),
                    sheetGroups > 0 && !groups.isEmpty() ? ", duplicates-sheet.png" : "");
        }
        console.flush();
        return 0;
    }

    private List<Double> distancesToFirst(IndexView index, IndexedCollection indexed, NearDuplicates.Group g) {
        float[] first = index.vector(g.ids().get(0)).orElseThrow();
        List<Double> distances = new ArrayList<>();
        for (long id : g.ids()) {
            distances.add(indexed.pipeline().similarity().distance(first, index.vector(id).orElseThrow()));
        }
        return distances;
    }

    private void writeCsv(List<NearDuplicates.Group> groups, List<List<Double>> distances, Map<Long, ImageRecord> records)
            throws IOException {
        StringBuilder csv = new StringBuilder("group,path,distance_to_first\n");
        for (int g = 0; g < groups.size(); g++) {
            List<Long> ids = groups.get(g).ids();
            for (int i = 0; i < ids.size(); i++) {
                CsvText.line(csv, Integer.toString(g + 1), records.get(ids.get(i)).path(),
                        String.format(Locale.ROOT, "%.6g", distances.get(g).get(i)));
            }
        }
        AtomicOutput.writeString(out.resolve("duplicates.csv"), csv.toString());
    }

    private void writeReport(List<NearDuplicates.Group> groups, IndexedCollection indexed) throws IOException {
        StringBuilder md = new StringBuilder("# Near-duplicates\n\n");
        md.append(String.format(Locale.ROOT, "- collection: %s (%d images indexed, %d skipped)%n- pipeline: %s%n"
                + "- linked: one image among the other's %d nearest at distance <= %.6g%n- groups: %d%n%n",
                collection, indexed.report().added(), indexed.report().skippedCount(), indexed.pipeline().describe(),
                neighbors, threshold, groups.size()));
        md.append("| group | images | largest link | first image |\n|---:|---:|---:|---|\n");
        Map<Long, ImageRecord> records = indexed.byId();
        for (int g = 0; g < groups.size(); g++) {
            NearDuplicates.Group group = groups.get(g);
            md.append(String.format(Locale.ROOT, "| %d | %d | %.4g | %s |%n", g + 1, group.ids().size(), group.largestLink(),
                    records.get(group.ids().get(0)).path()));
        }
        md.append("\nFiles: `duplicates.csv` (group,path,distance_to_first), `duplicates-sheet.png`.\n");
        AtomicOutput.writeString(out.resolve("report.md"), md.toString());
    }
}
