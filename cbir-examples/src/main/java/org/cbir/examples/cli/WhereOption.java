package org.cbir.examples.cli;

import java.util.ArrayList;
import java.util.List;
import org.cbir.core.RecordFilter;
import picocli.CommandLine.Option;

/** The {@code --where field=value} option of the commands that query: a filter on label or metadata. */
final class WhereOption {
    @Option(names = "--where", paramLabel = "FIELD=VALUE",
            description = "Return only images whose label (label=bcc) or metadata value (run=42) matches; "
                    + "repeat it to require several.")
    List<String> where = new ArrayList<>();

    /**
     * The filter the options ask for ({@link RecordFilter#ALL} when none).
     *
     * @throws IllegalArgumentException naming the option's text when it does not parse
     */
    RecordFilter filter() {
        try {
            return RecordFilter.parseAll(where);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--where: " + e.getMessage(), e);
        }
    }
}
