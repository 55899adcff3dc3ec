package org.cbir.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a component is and how it was configured: a type name (such as
 * {@code "first-order-statistics"}) and its parameters as text. A saved pipeline records the
 * spec of each of its parts in its manifest, and the {@link org.cbir.core.spi.ComponentProvider}
 * rebuilds the part from it, so a spec must hold every parameter that changes the output.
 *
 * <p>Values are text with one encoding per kind, written by {@link Builder} and read by the typed
 * getters, so that no component parses its own: integers and longs in decimal, doubles as
 * {@link Double#toString}, booleans as {@code true}/{@code false}, enums as their constant name in
 * lower case with {@code -} for {@code _} ({@link #enumName}), lists as comma-separated items, and
 * nested specs in the {@link #toString()} form {@code type(name=value, ...)}, which
 * {@link #parse} reads back.
 *
 * <p>Serializable, so that an engine that runs the pipeline elsewhere (Spark executors) can ship
 * the description and rebuild the component there. Immutable.
 *
 * @param type a lower-case identifier: letters, digits, '-', '.' and '_'
 * @param parameters parameter names to values, kept sorted by name; names follow the same rule
 *     as {@code type}, values must not contain line breaks
 */
public record ComponentSpec(String type, Map<String, String> parameters) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** A parameter's start in the {@link #toString()} form: its name and '=' before any '('. */
    private static final Pattern PAIR = Pattern.compile("\\s*([a-z0-9][a-z0-9._-]*)=");

    public ComponentSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameters, "parameters");
        requireName(type, "component type");
        TreeMap<String, String> sorted = new TreeMap<>();
        parameters.forEach((name, value) -> {
            requireName(name, "parameter name");
            Objects.requireNonNull(value, () -> "value of parameter '" + name + "'");
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("value of parameter '" + name + "' must be one line: " + value);
            }
            sorted.put(name, value);
        });
        parameters = Collections.unmodifiableMap(sorted);
    }

    /** A spec without parameters. */
    public static ComponentSpec of(String type) {
        return new ComponentSpec(type, Map.of());
    }

    /**
     * A spec with parameters given as alternating names and values; enum values are written with
     * {@link #enumName}, specs in their {@link #toString()} form, lists comma-separated, anything
     * else with {@link String#valueOf(Object)}.
     */
    public static ComponentSpec of(String type, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters must come as name, value pairs");
        }
        Builder builder = builder(type);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** A builder for a spec of {@code type}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** The spec-file name of an enum constant: {@code BLOCK_L2} becomes {@code block-l2}. */
    public static String enumName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The enum constant whose {@link #enumName} is {@code name}.
     *
     * @throws IllegalArgumentException naming the value and listing the allowed ones
     */
    public static <E extends Enum<E>> E enumConstant(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (enumName(constant).equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a " + type.getSimpleName() + "; one of "
                + Arrays.stream(type.getEnumConstants()).map(ComponentSpec::enumName).collect(Collectors.joining(", ")));
    }

    /**
     * Reads the {@link #toString()} form back: {@code type} or {@code type(name=value, ...)},
     * where a value may itself be a nested spec in the same form or a list; a piece between top-level
     * commas that does not start with {@code name=} continues the list value before it.
     *
     * @throws IllegalArgumentException naming the text when it does not parse
     */
    public static ComponentSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            return of(s);
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("not a component spec (no closing parenthesis): " + text);
        }
        Builder builder = builder(s.substring(0, open));
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String piece : splitTopLevel(s.substring(open + 1, s.length() - 1), text)) {
            Matcher pair = PAIR.matcher(piece);
            if (pair.lookingAt()) {
                if (name != null) {
                    builder.put(name, value.toString().strip());
                }
                name = pair.group(1);
                value.setLength(0);
                value.append(piece.substring(pair.end()));
            } else if (name == null) {
                throw new IllegalArgumentException("not a component spec (parameter without '='): " + text);
            } else {
                value.append(',').append(piece.strip()); // the next item of a list value
            }
        }
        if (name != null) {
            builder.put(name, value.toString().strip());
        }
        return builder.build();
    }

    /**
     * Returns this spec after checking that it is of {@code expectedType} and has no parameters
     * (for components that take none).
     *
     * @throws IllegalArgumentException naming the type and the parameters it was given
     */
    public ComponentSpec requireNoParameters(String expectedType) {
        if (!type.equals(expectedType)) {
            throw new IllegalArgumentException("expected a '" + expectedType + "' component, got '" + type + "'");
        }
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException(type + " takes no parameters, got " + parameters.keySet());
        }
        return this;
    }

    /** The value of a parameter; fails with a message naming the spec when it is absent. */
    public String require(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("component '" + type + "' has no parameter '" + name + "'");
        }
        return value;
    }

    /** The value of a parameter, or empty when the spec has none (for parameters added later). */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** An integer parameter; fails naming the parameter when absent or not an integer. */
    public int requireInt(String name) {
        String value = require(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "an integer", e);
        }
    }

    /** A long parameter; fails naming the parameter when absent or not an integer. */
    public long requireLong(String name) {
        String value = require(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "an integer", e);
        }
    }

    /** A floating-point parameter; fails naming the parameter when absent or not a number. */
    public double requireDouble(String name) {
        String value = require(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a number", e);
        }
    }

    /** A boolean parameter, {@code true} or {@code false}; fails naming the parameter otherwise. */
    public boolean requireBoolean(String name) {
        String value = require(name);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, value, "true or false", null);
        };
    }

    /** An enum parameter written with {@link #enumName}; fails listing the allowed values. */
    public <E extends Enum<E>> E requireEnum(String name, Class<E> enumType) {
        String value = require(name);
        try {
            return enumConstant(enumType, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of component '" + type + "': "
                    + e.getMessage(), e);
        }
    }

    /** A list parameter: its comma-separated items, stripped; an empty value is an empty list. */
    public List<String> requireList(String name) {
        String value = require(name);
        if (value.isBlank()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : splitTopLevel(value, value)) {
            items.add(item.strip());
        }
        return List.copyOf(items);
    }

    /** A list of integers; fails naming the parameter when an item is not an integer. */
    public int[] requireInts(String name) {
        return items(name, Integer::valueOf, "a list of integers").stream().mapToInt(Integer::intValue).toArray();
    }

    /** A list of numbers; fails naming the parameter when an item is not a number. */
    public double[] requireDoubles(String name) {
        return items(name, Double::valueOf, "a list of numbers").stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A nested spec parameter, written in the {@link #toString()} form. */
    public ComponentSpec requireSpec(String name) {
        String value = require(name);
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, value, "a component spec", e);
        }
    }

    /** A list of nested specs, written comma-separated in the {@link #toString()} form. */
    public List<ComponentSpec> requireSpecs(String name) {
        return items(name, ComponentSpec::parse, "a list of component specs");
    }

    /** The items of a list parameter, each parsed; an item that does not parse fails naming the parameter. */
    private <T> List<T> items(String name, Function<String, T> parser, String expected) {
        List<T> parsed = new ArrayList<>();
        for (String item : requireList(name)) {
            try {
                parsed.add(parser.apply(item));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw invalid(name, item, expected, e);
            }
        }
        return List.copyOf(parsed);
    }

    private IllegalArgumentException invalid(String name, String value, String expected, Exception cause) {
        return new IllegalArgumentException("parameter '" + name + "' of component '" + type + "' is not "
                + expected + ": " + value, cause);
    }

    /** Splits at the commas that are outside parentheses. */
    private static List<String> splitTopLevel(String s, String whole) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("unbalanced parentheses in " + whole);
                }
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced parentheses in " + whole);
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static void requireName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + ", got '" + name + "'");
        }
    }

    /** {@code type(name=value, ...)}, the form used in logs and reports and read by {@link #parse}. */
    @Override
    public String toString() {
        if (parameters.isEmpty()) {
            return type;
        }
        StringBuilder sb = new StringBuilder(type).append('(');
        parameters.forEach((k, v) -> sb.append(k).append('=').append(v).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append(')').toString();
    }

    /** Collects parameters with the encoding the typed getters read. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final TreeMap<String, String> parameters = new TreeMap<>();

        private Builder(String type) {
            this.type = type;
        }

        /** Adds a parameter, encoded by its kind (see {@link ComponentSpec#of(String, Object...)}). */
        public Builder put(String name, Object value) {
            Objects.requireNonNull(value, () -> "value of parameter '" + name + "'");
            parameters.put(name, encode(value));
            return this;
        }

        /** Adds a list of integers. */
        public Builder put(String name, int[] values) {
            return put(name, Arrays.stream(values).mapToObj(String::valueOf).toList());
        }

        /** Adds a list of numbers. */
        public Builder put(String name, double[] values) {
            return put(name, Arrays.stream(values).mapToObj(String::valueOf).toList());
        }

        public ComponentSpec build() {
            return new ComponentSpec(type, parameters);
        }

        private static String encode(Object value) {
            if (value instanceof Enum<?> constant) {
                return enumName(constant);
            }
            if (value instanceof List<?> list) {
                return list.stream().map(Builder::encode).collect(Collectors.joining(","));
            }
            return String.valueOf(value);
        }
    }
}
