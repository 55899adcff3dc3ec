package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.JsonResults;
import org.cbir.cli.SearchOptions;
import org.cbir.cluster.AgreementScores;
import org.cbir.cluster.DensityGrouper;
import org.cbir.cluster.Grouping;
import org.cbir.cluster.KMeansGrouper;
import org.cbir.core.ImageRecord;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.internal.io.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sorts a collection into groups of similar images by their signatures. */
@Command(name = "group", mixinStandardHelpOptions = true,
        description = {"Sort a collection into groups of similar images: HDBSCAN* (finds the number of groups, leaves",
            "outliers in none) or k-means (k given, or chosen by silhouette). Writes groups.csv, group-sheet.png (each",
            "group's most central images) and report.md into --out; with labels, the agreement (ARI, NMI) with them."})
final class GroupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COLLECTION", description = "Folder of images or CSV of paths (labels, if any, are only compared with).")
    Path collection;

    @Option(names = "--method", defaultValue = "hdbscan", description = "hdbscan or kmeans (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--groups", defaultValue = "0", description = "k-means: the number of groups; 0 chooses it by silhouette (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--max-groups", defaultValue = "10", description = "k-means: the largest number of groups tried (default: ${DEFAULT-VALUE}).")
    int maxGroups;

    @Option(names = "--min-group-size", defaultValue = "10", description = "HDBSCAN*: the fewest images in a group (default: ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--seed", defaultValue = "42", description = "k-means seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder: new, empty, or an earlier output of cbir group.")
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
        options.k(); // checks the range of -k, which this command shares with query and search
        boolean cosine = options.metric().equalsIgnoreCase("cosine");
        String choice = method.toLowerCase(Locale.ROOT);
        if (!choice.equals("hdbscan") && !choice.equals("kmeans")) {
            throw new IllegalArgumentException("unknown --method '" + method + "'; choose hdbscan or kmeans");
        }
        KMeansGrouper kmeans = choice.equals("kmeans")
                ? KMeansGrouper.builder().k(groups).maxK(maxGroups).seed(seed).unitLength(cosine).build() : null;
        DensityGrouper density = choice.equals("hdbscan") ? DensityGrouper.builder().minClusterSize(minGroupSize).build() : null;
        ImageCollection images = ImageCollection.read(collection);
        OutputFolder.prepare(out, "group");
        IndexedCollection indexed = IndexedCollection.of(options, images, images, progress);
        Grouping grouping = kmeans != null ? kmeans.group(indexed.index(), indexed.ids(), progress)
                : density.group(indexed.index(), indexed.ids(), progress);
        grouping.writeCsv(out.resolve("groups.csv"), indexed.paths());
        String agreement = agreement(grouping, indexed.records());
        writeReport(grouping, indexed, agreement);
        if (sheetGroups > 0 && grouping.groupCount() > 0) {
            List<GroupSheet.Group> rows = new ArrayList<>();
            long[] ids = grouping.ids();
            double[] distances = grouping.centerDistances();
            for (int g = 0; g < Math.min(sheetGroups, grouping.groupCount()); g++) {
                List<Integer> members = grouping.members(g);
                List<Integer> shown = members.subList(0, Math.min(members.size(), options.k() + 1));
                rows.add(new GroupSheet.Group(Grouping.groupName(g) + " (" + members.size() + " images)",
                        shown.stream().map(i -> ids[i]).toList(), shown.stream().map(i -> distances[i]).toList()));
            }
            GroupSheet.write(out.resolve("group-sheet.png"), rows, indexed.byId(), options.k());
        }
        if (json) {
            console.println(toJson(grouping, indexed.paths()));
        } else {
            console.printf(Locale.ROOT, "%s: %d groups, %d images in none, of %d%n%s", grouping.method(), grouping.groupCount(),
                    grouping.noiseCount(), indexed.records().size(), agreement.isEmpty() ? "" : agreement + "\n");
            console.printf("wrote %s: groups.csv, report.md%s%n", out.toAbsolutePath(), sheetGroups > 0 ? ", group-sheet.png" : "");
        }
        console.flush();
        return 0;
    }

    /** ARI and NMI against the collection's labels, when every image has one; empty otherwise. */
    static String agreement(Grouping grouping, List<ImageRecord> records) {
        if (records.stream().anyMatch(r -> r.label() == null)) {
            return "";
        }
        Map<String, Integer> classes = new HashMap<>();
        int[] truth = new int[records.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = classes.computeIfAbsent(records.get(i).label(), l -> classes.size());
        }
        int[] found = grouping.groups();
        return String.format(Locale.ROOT, "agreement with the %d labels: adjusted Rand index %.4f, NMI %.4f", classes.size(),
                AgreementScores.adjustedRandIndex(truth, found), AgreementScores.normalizedMutualInformation(truth, found));
    }

    private void writeReport(Grouping grouping, IndexedCollection indexed, String agreement) throws IOException {
        StringBuilder md = new StringBuilder("# Groups\n\n");
        md.append(String.format(Locale.ROOT, "- collection: %s (%d images indexed, %d skipped)%n- pipeline: %s%n- method: %s%n"
                + "- groups: %d; images in no group: %d%n", collection, indexed.report().added(), indexed.report().skippedCount(),
                indexed.pipeline().describe(), grouping.method(), grouping.groupCount(), grouping.noiseCount()));
        if (!agreement.isEmpty()) {
            md.append("- ").append(agreement).append('\n');
        }
        md.append("\n| group | images |\n|---|---:|\n");
        int[] sizes = grouping.sizes();
        for (int g = 0; g < sizes.length; g++) {
            md.append("| ").append(Grouping.groupName(g)).append(" | ").append(sizes[g]).append(" |\n");
        }
        md.append("\nFiles: `groups.csv` (path,label,rank,distance_to_centre; rank 1 is the most central; `cbir` reads it as a"
                + " collection labelled by group), `group-sheet.png`.\n");
        AtomicOutput.writeString(out.resolve("report.md"), md.toString());
    }

    private static String toJson(Grouping grouping, Map<Long, String> paths) {
        StringBuilder json = new StringBuilder("{\"method\": ").append(JsonResults.string(grouping.method()))
                .append(", \"groups\": [");
        long[] ids = grouping.ids();
        for (int g = 0; g < grouping.groupCount(); g++) {
            json.append(g == 0 ? "\n  " : ",\n  ").append("{\"group\": ").append(g).append(", \"members\": [");
            List<Integer> members = grouping.members(g);
            for (int i = 0; i < members.size(); i++) {
                json.append(i == 0 ? "" : ", ").append(JsonResults.string(paths.get(ids[members.get(i)])));
            }
            json.append("]}");
        }
        json.append(grouping.groupCount() == 0 ? "]" : "\n]").append(", \"noise\": [");
        int[] groupOf = grouping.groups();
        boolean first = true;
        for (int i = 0; i < ids.length; i++) {
            if (groupOf[i] == Grouping.NOISE) {
                json.append(first ? "" : ", ").append(JsonResults.string(paths.get(ids[i])));
                first = false;
            }
        }
        return json.append("]}").toString();
    }
}
