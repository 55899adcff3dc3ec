package org.cbir.examples.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles the sources under a folder with the JDK's compiler, as a user's build would. */
final class Javac {
    private Javac() {
    }

    /**
     * Compiles every {@code .java} file under {@code sources} into {@code classes} with the
     * options given (class or module path).
     *
     * @throws AssertionError with the compiler's messages if it fails
     */
    static void compile(Path sources, Path classes, List<String> options) throws IOException {
        List<String> arguments = new ArrayList<>(options);
        arguments.addAll(List.of("-d", classes.toString(), "--release", "17", "-proc:none", "-Xlint:-options"));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int code = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        if (code != 0) {
            throw new AssertionError("javac failed:\n" + messages.toString(StandardCharsets.UTF_8));
        }
    }
}
