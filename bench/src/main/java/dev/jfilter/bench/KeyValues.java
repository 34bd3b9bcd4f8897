package dev.jfilter.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key=value} lines the per-packet benchmark's parts write for {@link PacketTable}: the JMH trials
 * ({@link EngineRecord}) and the C harness {@code bpf_filter_bench}. Blank lines and lines starting with {@code #}
 * are ignored.
 */
public final class KeyValues {
    private KeyValues() {}

    /**
     * The fields of {@code text}, in order.
     *
     * @throws IllegalArgumentException on a line without {@code =}
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a key=value line: " + line);
            }
            fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return fields;
    }

    /** The value of {@code key}; throws {@link IllegalArgumentException} naming it when it is missing. */
    public static String string(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' in " + fields.keySet());
        }
        return v;
    }

    /** The integer value of {@code key}. */
    public static int integer(Map<String, String> fields, String key) {
        try {
            return Integer.parseInt(string(fields, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not an integer: " + fields.get(key), e);
        }
    }

    /** The decimal value of {@code key}. */
    public static double decimal(Map<String, String> fields, String key) {
        try {
            return Double.parseDouble(string(fields, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + fields.get(key), e);
        }
    }
}
