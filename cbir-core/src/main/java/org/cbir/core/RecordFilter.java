package org.cbir.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * A condition on the records a query may return: every listed field must equal its value, where
 * the field {@value Metadata#LABEL} is the image's label and any other field a metadata key
 * ({@code label=bcc}, {@code run=42}, both at once). Immutable and thread-safe.
 *
 * <p>{@link RetrievalPipeline#query(org.cbir.core.image.Image, int, RecordFilter)} applies it with
 * every index: the exact scan skips rejected images during the scan; an approximate index is
 * over-requested and its hits post-filtered ({@link Index#search(float[], int, Index.Filter)});
 * an index that holds the records itself (a Solr collection) turns the condition into its own
 * filter query.
 *
 * @param conditions field names to required values, in the order given
 */
public record RecordFilter(Map<String, String> conditions) {
    /** The filter that accepts every record. */
    public static final RecordFilter ALL = new RecordFilter(Map.of());

    public RecordFilter {
        Objects.requireNonNull(conditions, "conditions");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        conditions.forEach((field, value) -> {
            if (!Metadata.LABEL.equals(field)) {
                Metadata.requireKey(field);
            }
            copy.put(field, Objects.requireNonNull(value, () -> "value of filter field '" + field + "'"));
        });
        conditions = Collections.unmodifiableMap(copy);
    }

    /** Records whose label is {@code label}. */
    public static RecordFilter label(String label) {
        return ALL.and(Metadata.LABEL, label);
    }

    /** Records whose metadata {@code key} (or label, for {@value Metadata#LABEL}) equals {@code value}. */
    public static RecordFilter where(String field, String value) {
        return ALL.and(field, value);
    }

    /**
     * The filter written {@code field=value} (as the CLI's {@code --where} takes it); the value
     * is what follows the first {@code =}, taken as is.
     *
     * @throws IllegalArgumentException naming the text when it has no {@code =} or an invalid field
     */
    public static RecordFilter parse(String text) {
        Objects.requireNonNull(text, "filter");
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("filter '" + text + "' must read field=value (e.g. label=bcc or run=42)");
        }
        return where(text.substring(0, eq).strip(), text.substring(eq + 1));
    }

    /** The conjunction of {@link #parse parsed} filters; {@link #ALL} for none. */
    public static RecordFilter parseAll(List<String> texts) {
        RecordFilter filter = ALL;
        for (String text : texts) {
            filter = filter.and(parse(text));
        }
        return filter;
    }

    /**
     * This filter and {@code field=value}.
     *
     * @throws IllegalArgumentException if this filter already asks {@code field} for another value
     */
    public RecordFilter and(String field, String value) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        String earlier = conditions.get(field);
        if (earlier != null && !earlier.equals(value)) {
            throw new IllegalArgumentException("the filter asks " + field + " to be both '" + earlier + "' and '"
                    + value + "': no image can match");
        }
        LinkedHashMap<String, String> more = new LinkedHashMap<>(conditions);
        more.put(field, value);
        return new RecordFilter(more);
    }

    /** This filter and every condition of {@code other}. */
    public RecordFilter and(RecordFilter other) {
        RecordFilter result = this;
        for (Map.Entry<String, String> c : other.conditions.entrySet()) {
            result = result.and(c.getKey(), c.getValue());
        }
        return result;
    }

    /** Whether this filter accepts every record. */
    public boolean acceptsAll() {
        return conditions.isEmpty();
    }

    /** Whether {@code record} meets every condition. */
    public boolean test(ImageRecord record) {
        for (Map.Entry<String, String> c : conditions.entrySet()) {
            String actual = Metadata.LABEL.equals(c.getKey()) ? record.label() : record.metadata().get(c.getKey());
            if (!c.getValue().equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /**
     * This filter as an {@link Index.Filter} over the ids of {@code records} (an id without a
     * record is rejected).
     */
    public Index.Filter forIds(LongFunction<ImageRecord> records) {
        Objects.requireNonNull(records, "records");
        LongPredicate accepts = id -> {
            ImageRecord r = records.apply(id);
            return r != null && test(r);
        };
        return new Index.Filter(this, accepts);
    }

    /** {@code field=value AND ...}, or {@code all}. */
    @Override
    public String toString() {
        if (conditions.isEmpty()) {
            return "all";
        }
        StringBuilder sb = new StringBuilder();
        conditions.forEach((f, v) -> sb.append(sb.length() == 0 ? "" : " AND ").append(f).append('=').append(v));
        return sb.toString();
    }
}
