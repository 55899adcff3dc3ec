package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.SearchOptions;
import org.cbir.cluster.label.LabelAccuracy;
import org.cbir.cluster.label.LabelSuggester;
import org.cbir.cluster.label.LabelSuggestions;
import org.cbir.cluster.label.SuggestionMethod;
import org.cbir.core.ImageRecord;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Suggests labels for the unlabelled images of a collection, or, with {@code --keep-labels},
 * hides most labels of a fully labelled one and measures how well they are suggested back.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Suggest labels for the unlabelled images of a collection (images directly in the folder, or CSV rows",
            "without a label) from its labelled ones, with calibrated confidences; writes suggestions.csv (readable as a",
            "collection), review-sheet.png (least confident first) and report.md into --out.",
            "With --keep-labels F on a fully labelled collection, keeps a seeded, stratified share F of the labels, hides",
            "the rest, suggests them and measures the accuracy (label-accuracy.csv)."})
final class LabelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COLLECTION", description = "Folder of images (label = sub-folder) or CSV of path,label.")
    Path collection;

    @Option(names = "--keep-labels", paramLabel = "SHARE",
            description = "Keep only this share of each class's labels (0 < SHARE < 1) and measure the suggestions for the others.")
    Double keepLabels;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the kept labels and of the calibration folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--method", defaultValue = "propagation",
            description = "propagation (label propagation over the k-NN graph, Zhou et al. 2004) or vote (k-NN vote) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--neighbours", defaultValue = "10", description = "Neighbours per image: the graph degree or the votes (default: ${DEFAULT-VALUE}).")
    int neighbors;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder: new, empty, or an earlier output of cbir label.")
    Path out;

    @Option(names = "--sheet-rows", defaultValue = "24", description = "Suggestions in the review sheet, least confident first; 0 for none (default: ${DEFAULT-VALUE}).")
    int sheetRows;

    @Option(names = "--json", description = "Print the review queue and the accuracy as JSON instead of a summary.")
    boolean json;

    @Mixin
    SearchOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ConsoleProgress progress = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        ComponentChoices.notNegative(sheetRows, "--sheet-rows");
        ComponentChoices.results(neighbors, "--neighbours");
        SuggestionMethod chosen = method(method);
        LabelSuggester suggester = LabelSuggester.builder().method(chosen).k(neighbors).seed(seed)
                .neighborsShown(Math.min(options.k(), neighbors)).build();
        ImageCollection images = ImageCollection.read(collection);
        Map<String, String> hidden = new HashMap<>();
        ImageCollection working = keepLabels == null ? images : hideLabels(images, hidden);
        ImageCollection seeds = ImageCollection.of(working.entries().stream().filter(e -> e.label() != null).toList());
        checkBeforeIndexing(working, hidden);
        OutputFolder.prepare(out, "label");
        // A self-supervised extractor reads no label, so it learns from every image, the unlabelled ones
        // (hidden labels removed) included; the others learn from the labelled images only.
        IndexedCollection indexed = IndexedCollection.of(options, selfSupervised(options.extractor()) ? working : seeds,
                working, progress);
        Map<Long, String> truths = new HashMap<>();
        for (ImageRecord r : indexed.records()) {
            if (r.label() == null && hidden.containsKey(r.path())) {
                truths.put(r.id(), hidden.get(r.path()));
            }
        }
        LabelSuggester.checkLabels(indexed.records(), truths);
        LabelSuggestions suggestions = suggester.suggest(indexed.index(), indexed.pipeline().similarity(),
                indexed.records(), progress);
        LabelAccuracy accuracy = truths.isEmpty() ? null : LabelAccuracy.of(suggestions.suggestions(), truths);
        suggestions.writeCsv(out.resolve("suggestions.csv"));
        LabelOutputs outputs = new LabelOutputs(collection, indexed, suggestions, accuracy, truths);
        if (accuracy != null) {
            accuracy.writeCsv(out.resolve("label-accuracy.csv"));
        }
        outputs.writeReport(out.resolve("report.md"), keepLabels, seed);
        if (sheetRows > 0 && !suggestions.suggestions().isEmpty()) {
            outputs.writeSheet(out.resolve("review-sheet.png"), sheetRows, options.k());
        }
        if (json) {
            console.println(outputs.toJson());
        } else {
            console.printf(Locale.ROOT, "suggested labels for %d images from %d labelled (%s, %s)%n",
                    suggestions.suggestions().size(), suggestions.labelled().size(), chosen.name().toLowerCase(Locale.ROOT),
                    indexed.pipeline().describe());
            if (accuracy != null) {
                console.printf(Locale.ROOT, "accuracy against the %d hidden labels: %.4f (expected calibration error %.4f)%n",
                        accuracy.overall().count(), accuracy.overall().accuracy(), accuracy.expectedCalibrationError());
            }
            console.printf("wrote %s: suggestions.csv, report.md%s%s%n", out.toAbsolutePath(),
                    accuracy != null ? ", label-accuracy.csv" : "", sheetRows > 0 ? ", review-sheet.png" : "");
        }
        console.flush();
        return 0;
    }

    /** The label errors of the collection as listed, before the images are read. */
    private static void checkBeforeIndexing(ImageCollection working, Map<String, String> hidden) {
        List<ImageRecord> listed = new ArrayList<>(working.size());
        Map<Long, String> truths = new HashMap<>();
        for (ImageEntry e : working) {
            long id = listed.size();
            listed.add(new ImageRecord(id, e.name(), e.label()));
            if (e.label() == null && hidden.containsKey(e.name())) {
                truths.put(id, hidden.get(e.name()));
            }
        }
        LabelSuggester.checkLabels(listed, truths);
    }

    /** Whether an {@code --extractor} choice trains without labels ({@code ssl[...]}). */
    static boolean selfSupervised(String choice) {
        return choice.toLowerCase(Locale.ROOT).split(":")[0].equals("ssl");
    }

    static SuggestionMethod method(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "propagation" -> SuggestionMethod.PROPAGATION;
            case "vote" -> SuggestionMethod.VOTE;
            default -> throw new IllegalArgumentException("unknown --method '" + name + "'; choose propagation or vote");
        };
    }

    /** The collection with all but a stratified share of each class's labels removed; the removed ones go to {@code hidden}. */
    private ImageCollection hideLabels(ImageCollection images, Map<String, String> hidden) {
        if (!(keepLabels > 0 && keepLabels < 1)) {
            throw new IllegalArgumentException("--keep-labels must be between 0 and 1, exclusive, got " + keepLabels);
        }
        long unlabelled = images.entries().stream().filter(e -> e.label() == null).count();
        if (unlabelled > 0) {
            throw new IllegalArgumentException("--keep-labels needs a fully labelled collection, but " + unlabelled + " of the "
                    + images.size() + " images of " + collection + " have no label");
        }
        Set<ImageEntry> kept = new HashSet<>(images.split(keepLabels, seed).train().entries());
        List<ImageEntry> entries = new ArrayList<>(images.size());
        for (ImageEntry e : images) {
            if (kept.contains(e)) {
                entries.add(e);
            } else {
                hidden.put(e.name(), e.label());
                entries.add(e instanceof ImageEntry.File f ? new ImageEntry.File(f.path(), null)
                        : new ImageEntry.InMemory(e.name(), null, ((ImageEntry.InMemory) e).image()));
            }
        }
        return ImageCollection.of(entries);
    }
}
