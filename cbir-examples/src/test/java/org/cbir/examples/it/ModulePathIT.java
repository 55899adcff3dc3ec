package org.cbir.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cbir.core.FeatureExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cbir jars have stable module names and run on the module path. */
class ModulePathIT {
    private static final Map<String, String> MODULES = Map.of("cbir-core-", "org.cbir.core",
            "cbir-metrics-", "org.cbir.metrics", "cbir-features-", "org.cbir.features",
            "cbir-index-", "org.cbir.index", "cbir-nets-", "org.cbir.nets");

    @Test
    void everyJarHasItsModuleName() throws Exception {
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            Path jar = BuiltArtifacts.jar(module.getKey());
            ModuleDescriptor descriptor = ModuleFinder.of(jar).findAll().iterator().next().descriptor();
            assertEquals(module.getValue(), descriptor.name(), jar.toString());
        }
        ModuleDescriptor core = ModuleFinder.of(BuiltArtifacts.jar("cbir-core-")).findAll().iterator().next()
                .descriptor();
        assertFalse(core.isAutomatic(), "cbir-core has a module-info");
        assertTrue(core.requires().stream().anyMatch(r -> r.name().equals("org.slf4j")), core.toString());
    }

    @Test
    void aModularApplicationSavesLoadsAndQueriesOnTheModulePath(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Files.createDirectories(sources.resolve("example/app"));
        Files.writeString(sources.resolve("module-info.java"),
                "module example.app {\n    requires org.cbir.core;\n    requires org.cbir.metrics;\n}\n");
        Files.writeString(sources.resolve("example/app/Main.java"), """
                package example.app;

                import java.nio.file.Path;
                import org.cbir.core.FeatureExtractor;
                import org.cbir.core.RetrievalPipeline;
                import org.cbir.core.image.Image;
                import org.cbir.metrics.Similarities;

                public final class Main {
                    public static void main(String[] args) throws Exception {
                        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(FeatureExtractor.intensityHistogram(4))
                                .similarity(Similarities.chiSquare()).build();
                        pipeline.add(Image.grey(2, 1, new float[] {0f, 0.1f}), "dark", "A");
                        pipeline.add(Image.grey(2, 1, new float[] {0.9f, 1f}), "bright", "B");
                        pipeline.save(Path.of(args[0]));
                        try (RetrievalPipeline loaded = RetrievalPipeline.load(Path.of(args[0]))) {
                            System.out.println("best " + loaded.query(Image.grey(2, 1, new float[] {0.95f, 0.9f}), 1)
                                    .matches().get(0).path() + " with " + loaded.similarity().spec().type());
                        }
                    }
                }
                """);
        String modulePath = String.join(File.pathSeparator, BuiltArtifacts.jar("cbir-core-").toString(),
                BuiltArtifacts.jar("cbir-metrics-").toString(), BuiltArtifacts.jar("slf4j-api-").toString(),
                BuiltArtifacts.jar("slf4j-simple-").toString());
        Path classes = dir.resolve("classes");
        Javac.compile(sources, classes, List.of("--module-path", modulePath));
        BuiltArtifacts.Outcome run = BuiltArtifacts.run(List.of(BuiltArtifacts.javaCommand(),
                "--module-path", modulePath + File.pathSeparator + classes, "--add-modules", "jdk.incubator.vector",
                "-m", "example.app/example.app.Main", dir.resolve("store.cbir").toString()), dir, 120);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("best bright with chi-square", run.out().strip(), run.err());
    }
}
