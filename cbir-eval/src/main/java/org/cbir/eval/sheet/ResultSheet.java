package org.cbir.eval.sheet;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.cbir.core.Match;
import org.cbir.core.Prediction;
import org.cbir.core.QueryResult;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.cbir.core.internal.io.AtomicOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PNG picture of query results, as in the paper's result figures: one row per query, the
 * query first, then its best matches left to right. When both the query's and a match's labels
 * are known, the match is framed in green if they agree and in red if not (grey otherwise). Under
 * each match: its rank and label, its distance (4 significant digits) and its file name; under
 * the query: its name, its label, and the label its matches predict with their share of the votes
 * (from all the matches its result holds, even when fewer are drawn).
 *
 * <pre>{@code
 * ResultSheet.builder().cellSize(128).build()
 *         .write(List.of(new ResultSheet.Row("q1.png", query, "bcc", pipeline.query(query, 10))),
 *                Path.of("results.png"));
 * }</pre>
 *
 * <p>Thumbnails fit a square cell (see {@link #builder()}): tiny images such as 16x16 fiber
 * patches are enlarged by whole factors with crisp pixels, large photos are reduced smoothly,
 * and 16-bit and floating-point images are scaled from their depth's range. A match whose image
 * cannot be loaded is drawn as a grey square marked "unreadable". Match images are loaded one
 * after another by the {@link MatchImages} given, and dropped once drawn.
 *
 * <p>Immutable and thread-safe: renderings share nothing.
 */
public final class ResultSheet {
    private static final Logger LOG = LoggerFactory.getLogger(ResultSheet.class);
    static final Color SAME_LABEL = new Color(0, 160, 0);
    static final Color OTHER_LABEL = new Color(215, 0, 0);
    static final Color UNKNOWN_LABEL = new Color(160, 160, 160);
    static final Color QUERY_FRAME = new Color(30, 80, 200);
    static final Color BACKGROUND = Color.WHITE;
    static final Color CELL_BACKGROUND = new Color(232, 232, 232);
    static final Color PLACEHOLDER = new Color(128, 128, 128);
    private static final Color TEXT = new Color(20, 20, 20);

    /**
     * One row of the sheet.
     *
     * @param name what the query is called in its caption (a file name), or {@code null}
     * @param query the query image
     * @param label the query's true label, or {@code null} when unknown (no green/red frames)
     * @param result its matches and predicted label
     */
    public record Row(String name, Image query, String label, QueryResult result) {
        /** @throws NullPointerException if the query image or result is null */
        public Row {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(result, "result");
        }
    }

    /** Loads the image of a match; called on the rendering thread. */
    @FunctionalInterface
    public interface MatchImages {
        /** Reads each match from its {@link Match#path()} with {@link Images#read}. */
        static MatchImages fromPaths() {
            return match -> Images.read(Path.of(match.path()));
        }

        /** The image of {@code match}; an exception makes the sheet draw a placeholder instead. */
        Image load(Match match) throws IOException;
    }

    private final int cellSize;
    private final int maxMatches;
    private final boolean stretch;
    private final MatchImages matchImages;

    private ResultSheet(Builder builder) {
        this.cellSize = builder.cellSize;
        this.maxMatches = builder.maxMatches;
        this.stretch = builder.stretch;
        this.matchImages = builder.matchImages;
    }

    /** A builder with the defaults: 128-pixel cells, all matches, depth-range contrast, images from match paths. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Draws the sheet.
     *
     * @return a new RGB image the caller owns
     * @throws IllegalArgumentException if {@code rows} is empty
     */
    public BufferedImage render(List<Row> rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a result sheet needs at least one query row");
        }
        Font font = font();
        SheetLayout layout = layout(rows);
        BufferedImage sheet = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, layout.width(), layout.height());
            g.setFont(font);
            CellPainter painter = new CellPainter(g, layout);
            painter.title("query", "top " + (layout.columns() - 1) + " matches  (green frame: the query's label,"
                    + " red: another label)");
            for (int r = 0; r < rows.size(); r++) {
                drawRow(painter, r, rows.get(r));
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /**
     * Renders the sheet and writes it as a PNG file, through a temporary file in the same folder
     * renamed over {@code file}, so a failed write leaves any previous file intact.
     *
     * @throws NoSuchFileException if the folder does not exist
     */
    public void write(List<Row> rows, Path file) throws IOException {
        BufferedImage sheet = render(rows);
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(target.toString(), null, "its folder does not exist");
        }
        AtomicOutput.write(target, out -> {
            if (!ImageIO.write(sheet, "png", out)) {
                throw new IOException("no PNG writer available to write " + target);
            }
        });
    }

    /** The layout {@link #render} uses for {@code rows}; for tests that check pixels. */
    SheetLayout layout(List<Row> rows) {
        int shown = rows.stream().mapToInt(r -> Math.min(maxMatches, r.result().matches().size())).max().orElse(0);
        return new SheetLayout(rows.size(), 1 + Math.max(1, shown), cellSize, CellPainter.BORDER, lineHeight(), 4);
    }

    /** The caption font: a tenth of the cell size, 10 to 16 points. */
    private Font font() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(16, cellSize / 10)));
    }

    /** The caption line height of {@link #font()}. */
    private int lineHeight() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(font());
            return metrics.getAscent() + metrics.getDescent() + 1;
        } finally {
            g.dispose();
        }
    }

    private void drawRow(CellPainter painter, int row, Row r) {
        painter.thumbnail(row, 0, Thumbnails.fit(r.query(), cellSize, stretch), QUERY_FRAME);
        Prediction prediction = r.result().prediction().orElse(null);
        Color predictedColour = prediction == null || r.label() == null ? TEXT
                : prediction.label().equals(r.label()) ? SAME_LABEL : OTHER_LABEL;
        painter.caption(row, 0, List.of(
                new CellPainter.Line(r.name() == null ? "query" : fileName(r.name()), TEXT),
                new CellPainter.Line("label: " + (r.label() == null ? "unknown" : r.label()), TEXT),
                new CellPainter.Line("predicted: " + (prediction == null ? "none" : prediction.label()),
                        predictedColour),
                new CellPainter.Line(prediction == null ? "" : String.format(Locale.ROOT, "confidence: %.0f%%",
                        100 * prediction.confidence()), predictedColour)));
        List<Match> matches = r.result().matches();
        for (int i = 0; i < Math.min(maxMatches, matches.size()); i++) {
            Match m = matches.get(i);
            Color frame = r.label() == null || m.label() == null ? UNKNOWN_LABEL
                    : r.label().equals(m.label()) ? SAME_LABEL : OTHER_LABEL;
            BufferedImage thumbnail = loadThumbnail(m);
            if (thumbnail == null) {
                painter.placeholder(row, i + 1, "unreadable", frame);
            } else {
                painter.thumbnail(row, i + 1, thumbnail, frame);
            }
            painter.caption(row, i + 1, List.of(
                    new CellPainter.Line("#" + m.rank() + " " + (m.label() == null ? "" : m.label()),
                            UNKNOWN_LABEL.equals(frame) ? TEXT : frame),
                    new CellPainter.Line("d = " + distance(m.distance()), TEXT),
                    new CellPainter.Line(fileName(m.path()), TEXT)));
        }
    }

    private BufferedImage loadThumbnail(Match match) {
        try {
            return Thumbnails.fit(matchImages.load(match), cellSize, stretch);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot draw match #{} {}: {}", match.rank(), match.path(), e.getMessage());
            return null;
        }
    }

    /** A distance with 4 significant digits. */
    static String distance(double d) {
        return String.format(Locale.ROOT, "%.4g", d);
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** Options of a result sheet; {@link #build()} validates them. */
    public static final class Builder {
        private int cellSize = 128;
        private int maxMatches = Integer.MAX_VALUE;
        private boolean stretch;
        private MatchImages matchImages = MatchImages.fromPaths();

        private Builder() {
        }

        /**
         * The side of the square each thumbnail fits into, 32..1024 pixels; 128 by default.
         * Larger cells show more detail of large images and make a bigger file.
         */
        public Builder cellSize(int cellSize) {
            this.cellSize = cellSize;
            return this;
        }

        /** The most matches drawn per row; all the results hold by default. */
        public Builder maxMatches(int maxMatches) {
            this.maxMatches = maxMatches;
            return this;
        }

        /**
         * Whether each thumbnail maps its own min..max to black..white (for faint 16-bit data)
         * instead of its depth's nominal range; off by default.
         */
        public Builder stretchContrast(boolean stretch) {
            this.stretch = stretch;
            return this;
        }

        /** How match images are loaded; from their paths by default. */
        public Builder matchImages(MatchImages matchImages) {
            this.matchImages = Objects.requireNonNull(matchImages, "matchImages");
            return this;
        }

        /** @throws IllegalArgumentException if the cell size or the number of matches is out of range */
        public ResultSheet build() {
            if (cellSize < 32 || cellSize > 1024) {
                throw new IllegalArgumentException("cell size must be in 32..1024 pixels, got " + cellSize);
            }
            if (maxMatches < 1) {
                throw new IllegalArgumentException("maxMatches must be at least 1, got " + maxMatches);
            }
            return new ResultSheet(this);
        }
    }
}
