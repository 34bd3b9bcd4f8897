package dev.jfilter.cli;

import dev.jfilter.runtime.kernel.ConnectionStatus;
import dev.jfilter.runtime.kernel.NetworkDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code tcpdump -D} describes an interface after its name: the description of a pseudo-device in parentheses,
 * then {@code [Up, Running, Connected]}, {@code [Up, Running, Loopback]}, {@code [none]}, or no brackets when libpcap
 * knows no flag and no connection status.
 *
 * @see <a href="https://www.tcpdump.org/manpages/tcpdump.1.html">tcpdump(1), option -D</a>
 */
final class DeviceFlags {
    private DeviceFlags() {}

    static String describe(NetworkDevice device) {
        return device.description().map(d -> " (" + d + ")").orElse("") + flags(device);
    }

    private static String flags(NetworkDevice device) {
        List<String> flags = new ArrayList<>();
        if (device.up()) {
            flags.add("Up");
        }
        if (device.running()) {
            flags.add("Running");
        }
        if (device.loopback()) {
            flags.add("Loopback");
        }
        if (flags.isEmpty() && device.connection() == ConnectionStatus.UNKNOWN) {
            return "";
        }
        String status = switch (device.connection()) {
            case UNKNOWN -> ", Connection status unknown";
            case CONNECTED -> ", Connected";
            case DISCONNECTED -> ", Disconnected";
            case NOT_APPLICABLE -> "";
        };
        return " [" + (flags.isEmpty() ? "none" : String.join(", ", flags)) + status + "]";
    }
}
