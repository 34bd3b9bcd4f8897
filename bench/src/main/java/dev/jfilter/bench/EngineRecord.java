package dev.jfilter.bench;

import java.util.Map;

/**
 * What one {@link PacketBenchmark} trial ran: how many of the packets the filter accepted, which engine ran them
 * ({@code jit}, {@code interp}, or {@code interp} with the reason the JIT declined), and the program's instruction
 * count. Written as {@code key=value} lines, the format of the C harness's output, for {@link PacketTable}.
 *
 * @param matches the packets the filter accepted
 * @param engine the engine that ran them
 * @param instructions the length of jfilter's program
 */
public record EngineRecord(int matches, String engine, int instructions) {

    /** The record as {@code key=value} lines. */
    public String format() {
        return "matches=" + matches + "\nengine=" + engine + "\ninstructions=" + instructions + "\n";
    }

    /**
     * The record in {@code fields} (as {@link KeyValues#parse} reads them).
     *
     * @throws IllegalArgumentException if a field is missing or not a number
     */
    public static EngineRecord of(Map<String, String> fields) {
        return new EngineRecord(KeyValues.integer(fields, "matches"), KeyValues.string(fields, "engine"),
                KeyValues.integer(fields, "instructions"));
    }
}
