package dev.jfilter.frontend.oracle;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.link.LoopbackEncoding;
import dev.jfilter.frontend.names.NameResolver;
import dev.jfilter.frontend.names.SystemNameResolver;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Accept;
import dev.jfilter.frontend.oracle.LibpcapTestSuite.Reject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of libpcap's accept and reject tests jfilter runs this round, and the compile options each needs: the
 * test's snapshot length and netmask, TESTrun's host-name entries where the test needs them, and the loopback encoding
 * of the OS or savefile the test was written for. Shared by the frontend's suites (the lowering against master's
 * unoptimized programs) and the runtime's (the whole pipeline against master's optimized programs).
 */
public final class SuiteCases {
    private SuiteCases() {}


    /** libpcap's per-OS loopback tests ({@code link_proto_ip6_28LE_NULL}): that OS's byte order and families. */
    private static final Pattern OTHER_HOST = Pattern.compile("link_proto_ip(6?)_(\\d+)(LE|BE)?_(NULL|LOOP)");

    /**
     * The accept tests of this round's link types, except live-capture ones (Linux extensions) and those for other
     * systems that cannot be emulated; empty when the shared material is absent.
     */
    public static Stream<Accept> accepts() {
        Optional<Path> shared = Captures.shared();
        if (shared.isEmpty()) {
            return Stream.of();
        }
        try {
            return LibpcapTestSuite.accepts(shared.get()).stream()
                    .filter(a -> !a.expression().equals("_enumerate_bpf_image"))
                    .filter(a -> !a.linuxExtensions())
                    .filter(a -> a.skipOnRefHost().isEmpty() || needsTestrunNames(a.skipOnRefHost())
                            || otherHost(a).isPresent() || bigEndianSavefile(a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The accept tests of this round's link types for live Linux captures ({@code linuxext}: programs that read the
     * packet's metadata); empty when the shared material is absent.
     */
    public static Stream<Accept> linuxExtensionAccepts() {
        Optional<Path> shared = Captures.shared();
        if (shared.isEmpty()) {
            return Stream.of();
        }
        try {
            return LibpcapTestSuite.accepts(shared.get()).stream().filter(Accept::linuxExtensions)
                    .filter(a -> a.skipOnRefHost().isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reject tests of this round's link types that need nothing but TESTrun's name entries. */
    public static Stream<Reject> rejects() {
        Optional<Path> shared = Captures.shared();
        if (shared.isEmpty()) {
            return Stream.of();
        }
        try {
            return LibpcapTestSuite.rejects(shared.get()).stream()
                    .filter(r -> r.skipOnRefHost().isEmpty() || needsTestrunNames(r.skipOnRefHost()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a test only needs the host, ethers and networks entries TESTrun asks the host to configure. */
    public static boolean needsTestrunNames(String skipOnRefHost) {
        return skipOnRefHost.startsWith("configure the");
    }

    /** A savefile test for big-endian hosts: the savefile encoding does not depend on the host's byte order. */
    public static boolean bigEndianSavefile(Accept a) {
        return a.offline().isPresent() && a.skipOnRefHost().equals("little-endian");
    }

    /** For a per-OS loopback test, that OS's loopback encoding. */
    public static Optional<LoopbackEncoding> otherHost(Accept a) {
        var m = OTHER_HOST.matcher(a.name());
        if (a.skipOnRefHost().isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        var order = "BE".equals(m.group(3)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int af = Integer.parseInt(m.group(2));
        boolean six = !m.group(1).isEmpty();
        return Optional.of(new LoopbackEncoding.Live(order, six ? 2 : af, six ? af : 10));
    }

    /** The options an accept test compiles with. */
    public static CompileOptions options(Accept a) {
        CompileOptions options = CompileOptions.of(a.type()).withSnaplen(a.snaplen())
                .withNames(names(a.skipOnRefHost())).withLinuxExtensions(a.linuxExtensions());
        if (a.netmask().isPresent()) {
            options = options.withNetmask(LibpcapTestSuite.netmask(a.netmask().get()));
        }
        if (a.offline().isPresent()) {
            options = options.withLoopback(new LoopbackEncoding.Savefile(a.offline().get().equals("swapped")));
        } else if (otherHost(a).isPresent()) {
            options = options.withLoopback(otherHost(a).get());
        }
        return options;
    }

    /** The options a reject test compiles with. */
    public static CompileOptions options(Reject r) {
        CompileOptions options = CompileOptions.of(r.type()).withNames(names(r.skipOnRefHost()));
        if (r.netmask().isPresent()) {
            options = options.withNetmask(LibpcapTestSuite.netmask(r.netmask().get()));
        }
        return options;
    }

    private static NameResolver names(String skipOnRefHost) {
        return needsTestrunNames(skipOnRefHost) ? new TestrunNames() : SystemNameResolver.create();
    }
}
