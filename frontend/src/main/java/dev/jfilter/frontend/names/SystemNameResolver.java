package dev.jfilter.frontend.names;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The host's name databases, the way glibc answers libpcap on Linux: {@code /etc/hosts} and then DNS (through
 * {@link InetAddress}) for host names, {@code /etc/ethers}, {@code /etc/networks}, {@code /etc/services} and
 * {@code /etc/protocols}. Files are read at each lookup, so edits take effect at once; a missing file knows no names.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/hosts.5.html">hosts(5)</a>,
 *     <a href="https://man7.org/linux/man-pages/man5/services.5.html">services(5)</a>,
 *     <a href="https://man7.org/linux/man-pages/man5/protocols.5.html">protocols(5)</a>,
 *     <a href="https://man7.org/linux/man-pages/man5/networks.5.html">networks(5)</a>
 */
public final class SystemNameResolver implements NameResolver {
    private final Path etc;
    private final boolean useDns;

    private SystemNameResolver(Path etc, boolean useDns) {
        this.etc = etc;
        this.useDns = useDns;
    }

    /** The resolver of this host: files under {@code /etc}, then DNS for host names. */
    public static SystemNameResolver create() {
        return new SystemNameResolver(Path.of("/etc"), true);
    }

    /** A resolver reading the same files under another directory, without DNS (for tests). */
    public static SystemNameResolver filesUnder(Path directory) {
        return new SystemNameResolver(directory, false);
    }

    @Override
    public List<InetAddress> hostAddresses(String name) {
        List<InetAddress> found = new ArrayList<>();
        for (String[] f : fields("hosts")) {
            if (f.length >= 2 && matchesAny(f, 1, name, true)) {
                parseAddress(f[0]).ifPresent(found::add);
            }
        }
        if (!found.isEmpty() || !useDns || looksNumeric(name)) {
            return found;
        }
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    @Override
    public OptionalLong etherAddress(String name) {
        for (String[] f : fields("ethers")) {
            if (f.length >= 2 && f[1].equalsIgnoreCase(name)) {
                OptionalLong mac = parseMac(f[0]);
                if (mac.isPresent()) {
                    return mac;
                }
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public OptionalLong network(String name) {
        for (String[] f : fields("networks")) {
            if (f.length >= 2 && (f[0].equalsIgnoreCase(name) || matchesAny(f, 2, name, true))) {
                return inetNetwork(f[1]);
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public OptionalInt service(String name, Transport transport) {
        for (String[] f : fields("services")) {
            if (f.length < 2) {
                continue;
            }
            int slash = f[1].indexOf('/');
            if (slash < 0 || !f[1].substring(slash + 1).equals(transport.keyword())) {
                continue;
            }
            if (f[0].equals(name) || matchesAny(f, 2, name, false)) {
                return parseInt(f[1].substring(0, slash), 0xffff);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt protocol(String name) {
        for (String[] f : fields("protocols")) {
            if (f.length >= 2 && (f[0].equals(name) || matchesAny(f, 2, name, false))) {
                return parseInt(f[1], 0xff);
            }
        }
        return OptionalInt.empty();
    }

    private List<String[]> fields(String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(etc.resolve(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
        List<String[]> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!content.isEmpty()) {
                out.add(content.split("\\s+"));
            }
        }
        return out;
    }

    private static boolean matchesAny(String[] f, int from, String name, boolean ignoreCase) {
        for (int i = from; i < f.length; i++) {
            if (ignoreCase ? f[i].equalsIgnoreCase(name) : f[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Names made of digits and dots are addresses to getaddrinfo, never looked up in DNS. */
    private static boolean looksNumeric(String name) {
        return name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static java.util.Optional<InetAddress> parseAddress(String literal) {
        try {
            return java.util.Optional.of(InetAddress.ofLiteral(literal));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static OptionalInt parseInt(String s, int max) {
        try {
            int v = Integer.parseInt(s);
            return v >= 0 && v <= max ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** A MAC-48 address written as six colon-separated groups of one or two hex digits ({@code ether_aton}). */
    static OptionalLong parseMac(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length != 6) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return OptionalLong.empty();
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return OptionalLong.of(v);
    }

    /**
     * {@code inet_network(3)}: one to four parts, each decimal, {@code 0x} hexadecimal or leading-zero octal and at
     * most 255, combined right-justified ({@code "10.1"} is {@code 0x0a01}).
     */
    static OptionalLong inetNetwork(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (String p : parts) {
            OptionalLong part = cNumber(p.toLowerCase(Locale.ROOT));
            if (part.isEmpty() || part.getAsLong() > 255) {
                return OptionalLong.empty();
            }
            v = (v << 8) | part.getAsLong();
        }
        return OptionalLong.of(v);
    }

    private static OptionalLong cNumber(String p) {
        if (p.isEmpty() || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == 'x')) {
            return OptionalLong.empty();
        }
        try {
            if (p.startsWith("0x")) {
                return p.length() == 2 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(p.substring(2), 16));
            }
            if (p.length() > 1 && p.startsWith("0")) {
                return OptionalLong.of(Long.parseLong(p.substring(1), 8));
            }
            return OptionalLong.of(Long.parseLong(p, 10));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        return "SystemNameResolver" + Arrays.asList(etc, useDns ? "dns" : "no dns");
    }
}
