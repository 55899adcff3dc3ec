package org.cbir.core;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a component is and how it was configured: a type name (such as
 * {@code "first-order-statistics"}) and its parameters as text. A saved pipeline records the
 * spec of each of its parts in its manifest, and a {@link org.cbir.core.spi.ComponentProvider}
 * rebuilds the part from it, so a spec must hold every parameter that changes the output.
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

    /** A spec with parameters given as alternating names and values. */
    public static ComponentSpec of(String type, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters must come as name, value pairs");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
        }
        return new ComponentSpec(type, map);
    }

    /** The value of a parameter; fails with a message naming the spec when it is absent. */
    public String require(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("component '" + type + "' has no parameter '" + name + "'");
        }
        return value;
    }

    /** An integer parameter; fails naming the parameter when absent or not an integer. */
    public int requireInt(String name) {
        String value = require(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of component '" + type
                    + "' is not an integer: " + value, e);
        }
    }

    /** A floating-point parameter; fails naming the parameter when absent or not a number. */
    public double requireDouble(String name) {
        String value = require(name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' of component '" + type
                    + "' is not a number: " + value, e);
        }
    }

    private static void requireName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + ", got '" + name + "'");
        }
    }

    /** {@code type(name=value, ...)}, the form used in logs and reports. */
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
}
