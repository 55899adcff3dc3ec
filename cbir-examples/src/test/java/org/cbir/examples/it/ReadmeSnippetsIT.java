package org.cbir.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets, as they are written, compile against the built jars, and those
 * that need no network weights run (in a folder where {@code samples/} is the project's).
 *
 * <p>A snippet that starts with {@code package} is a source file of its own; any other is a
 * list of imports followed by statements, which becomes the body of a {@code main} method.
 */
class ReadmeSnippetsIT {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("^public (?:final )?(?:class|record|interface) (\\w+)",
            Pattern.MULTILINE);

    private record Snippet(String className, boolean runs) {
    }

    @Test
    void theReadmesJavaSnippetsCompileAndRun(@TempDir Path dir) throws Exception {
        String readme = Files.readString(BuiltArtifacts.root().resolve("README.md"));
        Path sources = dir.resolve("src");
        List<Snippet> snippets = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            String code = block.group(1);
            Matcher pkg = PACKAGE.matcher(code);
            if (pkg.find() && code.substring(0, pkg.start()).isBlank()) {
                Matcher type = TYPE.matcher(code);
                assertTrue(type.find(), "a source-file snippet without a public type:\n" + code);
                Path file = sources.resolve(pkg.group(1).replace('.', '/')).resolve(type.group(1) + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, code);
            } else {
                String name = "ReadmeSnippet" + (snippets.size() + 1);
                Files.createDirectories(sources);
                Files.writeString(sources.resolve(name + ".java"), asProgram(name, code));
                snippets.add(new Snippet(name, !code.contains("weights")));
            }
        }
        assertTrue(snippets.size() >= 4, "the README's statement snippets: " + snippets);
        String classPath = BuiltArtifacts.classPath().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Path classes = dir.resolve("classes");
        Javac.compile(sources, classes, List.of("-classpath", classPath));

        Path work = Files.createDirectories(dir.resolve("work"));
        Files.createSymbolicLink(work.resolve("samples"), BuiltArtifacts.root().resolve("samples"));
        for (Snippet snippet : snippets) {
            if (snippet.runs()) {
                BuiltArtifacts.Outcome run = BuiltArtifacts.run(List.of(BuiltArtifacts.javaCommand(),
                        "--add-modules", "jdk.incubator.vector", "-cp", classes + File.pathSeparator + classPath,
                        snippet.className()), work, 300);
                assertEquals(0, run.exitCode(), snippet.className() + ": " + run.err());
            }
        }
    }

    /** The imports of a statement snippet, then its statements in {@code main}. */
    private static String asProgram(String name, String code) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "\npublic final class " + name + " {\n    public static void main(String[] args) throws Exception {\n"
                + body + "    }\n}\n";
    }
}
