package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.ConsoleProgress;
import org.cbir.cli.SearchOptions;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.eval.Cutoff;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.eval.sheet.ResultSheet;
import org.cbir.examples.report.MapChart;
import org.cbir.index.pca.Pca;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Evaluates retrieval on a labelled collection with the paper's protocol and writes the report,
 * a result sheet and, with {@code --pca-sweep}, the MAP-versus-PCA-components chart.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure MAP and k-accuracy on a labelled collection (folder or CSV): a seeded, stratified",
            "share of each class fits what needs fitting, the rest is indexed and each image queried against the others."})
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COLLECTION", description = "Folder of images (label = sub-folder) or CSV of path,label.")
    Path collection;

    @Option(names = "--split", defaultValue = "0.1",
            description = "Share of each class used only for fitting (default: ${DEFAULT-VALUE}; 0 with no reducer).")
    double split;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and of the sheet's queries (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ks", split = ",", defaultValue = "1,5,10,20,all", paramLabel = "K",
            description = "The k of k-accuracy; 'all' is the size of the query's class, Ω (default: ${DEFAULT-VALUE}).")
    List<String> ks;

    @Option(names = {"-o", "--out"}, defaultValue = "evaluation", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sheet-queries", defaultValue = "8", description = "Queries in the result sheet; 0 for none (default: ${DEFAULT-VALUE}).")
    int sheetQueries;

    @Option(names = "--pca-sweep", split = ",", paramLabel = "N",
            description = "Also evaluate with PCA to each of these component counts and chart MAP against them, e.g. 1,2,4,8,16,32,64,128.")
    List<Integer> pcaSweep = List.of();

    @Mixin
    SearchOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ImageCollection images = ImageCollection.read(collection);
        Files.createDirectories(out);
        List<RetrievalPipeline> built = new ArrayList<>();
        EvaluationReport report = Evaluation.builder()
                .pipeline(() -> remember(built, options.pipeline().build()))
                .fitFraction(split).seed(seed).cutoffs(cutoffs()).progress(ConsoleProgress.onStandardError(spec.commandLine().getErr()))
                .build().run(images);
        report.writeMarkdown(out.resolve("report.md"));
        report.writeCsv(out);
        console.println(report.toMarkdown());
        if (sheetQueries > 0) {
            writeSheet(built.get(built.size() - 1), images, out.resolve("result-sheet.png"));
        }
        if (!pcaSweep.isEmpty()) {
            sweep(images, console);
        }
        console.printf("wrote %s%n", out.toAbsolutePath());
        console.flush();
        return 0;
    }

    private List<Cutoff> cutoffs() {
        return ComponentChoices.cutoffs(ks);
    }

    /** The collection's folder name, with its parent's when it is a generic "database". */
    private String collectionName() {
        Path absolute = collection.toAbsolutePath().normalize();
        String name = String.valueOf(absolute.getFileName());
        return name.equals("database") && absolute.getParent() != null
                ? absolute.getParent().getFileName() + "/" + name : name;
    }

    private static RetrievalPipeline remember(List<RetrievalPipeline> built, RetrievalPipeline pipeline) {
        built.add(pipeline);
        return pipeline;
    }

    /** Queries from the fitting part (not indexed) when there is one, else from the whole collection. */
    private void writeSheet(RetrievalPipeline pipeline, ImageCollection images, Path png) throws IOException {
        List<ImageEntry> candidates = new ArrayList<>(split > 0 ? images.split(split, seed).train().entries() : images.entries());
        Collections.shuffle(candidates, new Random(seed));
        List<ResultSheet.Row> rows = new ArrayList<>();
        for (ImageEntry entry : candidates.subList(0, Math.min(sheetQueries, candidates.size()))) {
            var image = entry.load();
            rows.add(new ResultSheet.Row(entry.name(), image, entry.label(), pipeline.query(image, options.k())));
        }
        ResultSheet.builder().maxMatches(options.k()).build().write(rows, png);
    }

    private void sweep(ImageCollection images, PrintWriter console) throws IOException {
        if (split <= 0) {
            throw new IllegalArgumentException("--pca-sweep needs images to fit PCA on: give --split > 0");
        }
        List<MapChart.Point> points = new ArrayList<>();
        StringBuilder csv = new StringBuilder("components,map\n");
        console.println("| PCA components | MAP |");
        console.println("|---:|---:|");
        for (int n : pcaSweep) {
            EvaluationReport report = Evaluation.builder()
                    .pipeline(options.pipeline().reducer(Pca.components(n)))
                    .fitFraction(split).seed(seed).build().run(images);
            points.add(new MapChart.Point(n, report.map()));
            csv.append(n).append(',').append(String.format(Locale.ROOT, "%.6f", report.map())).append('\n');
            console.printf(Locale.ROOT, "| %d | %.4f |%n", n, report.map());
            console.flush();
        }
        Files.writeString(out.resolve("map-vs-pca.csv"), csv);
        String title = "MAP vs PCA components: " + options.extractor() + ", " + options.metric() + ", " + collectionName();
        MapChart.write(title, points, out.resolve("map-vs-pca.png"), 800, 500);
    }
}
