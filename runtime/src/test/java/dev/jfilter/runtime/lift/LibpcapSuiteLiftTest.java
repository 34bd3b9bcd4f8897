package dev.jfilter.runtime.lift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.lift.CfgLifter;
import dev.jfilter.cbpf.lift.LiftProblem;
import dev.jfilter.cbpf.lift.LiftResult;
import dev.jfilter.cbpf.listing.ListingParser;
import dev.jfilter.cbpf.validate.Problem;
import dev.jfilter.cfg.AncillarySource;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.oracle.Captures;
import dev.jfilter.frontend.oracle.LibpcapTestSuite;
import dev.jfilter.frontend.oracle.LinuxMetadata;
import dev.jfilter.runtime.testing.TestPackets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential heart of lifting: every expected program of libpcap's accept tests ({@code opt} and
 * {@code unopt}, every link type) is lifted, and the graph returns what the program returns in jfilter's cBPF
 * interpreter (libpcap's semantics) on the test packets of its link type, each at its full length and cut at every
 * shorter length up to {@link Agreement#CUT_LIMIT} (one packet in {@code STRIDE} per program, a different one for each
 * program); programs for a live Linux capture run with several sets of packet metadata. The only programs that may
 * not lift are those the kernel refuses ({@link #REFUSED}).
 */
class LibpcapSuiteLiftTest {
    /** Metadata for live-capture programs: no tag, tags with and without priority bits, several packet types. */
    private static final List<LinuxMetadata> LIVE = List.of(
            new LinuxMetadata(OptionalInt.empty(), 0, 10), new LinuxMetadata(OptionalInt.of(10), 4, 11),
            new LinuxMetadata(OptionalInt.of(0xa00a), 0, 10), new LinuxMetadata(OptionalInt.of(0x0fff), 1, 10));
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final Set<String> REFUSED_NAMES = new ConcurrentSkipListSet<>();
    /**
     * What the kernel refuses in libpcap's own programs: {@code protochain}'s loop jumps backwards, and the
     * unoptimized {@code geneve} programs read scratch words the kernel's one-pass check does not see written.
     */
    private static final Set<Problem.Kind> REFUSED = EnumSet.of(Problem.Kind.BACKWARD_JUMP,
            Problem.Kind.UNINITIALIZED_SCRATCH);
    /**
     * Each program cuts one packet in {@code STRIDE} at every length, a different one for the next program, so
     * every packet is cut for some; {@code -Djfilter.lift.exhaustive=true} cuts every packet for every program
     * (about fifteen minutes on two cores).
     */
    private static final int STRIDE = 16;
    private static final boolean EXHAUSTIVE = Boolean.getBoolean("jfilter.lift.exhaustive");

    private record Program(int position, String name, String dlt, String field, boolean live, List<String> listing) {}

    @TestFactory
    Stream<DynamicTest> everyExpectedProgramLiftsAndAgrees() throws IOException {
        Optional<Path> shared = Captures.shared();
        if (shared.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("libpcap's test suite", Captures::requireShared));
        }
        List<Program> programs = new ArrayList<>();
        JsonNode tests = new ObjectMapper().readTree(
                shared.get().resolve("libpcap-tests").resolve("accept_and_apply.json").toFile());
        for (JsonNode t : tests) {
            for (String field : List.of("opt", "unopt")) {
                JsonNode lines = t.get(field);
                if (lines != null && lines.isArray()) {
                    List<String> listing = new ArrayList<>();
                    lines.forEach(l -> listing.add(l.asText()));
                    programs.add(new Program(programs.size(), t.get("name").asText(), t.get("dlt").asText(), field,
                            t.path("linuxext").asBoolean(false), listing));
                }
            }
        }
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.name() + " " + p.field() + " [" + p.dlt() + "]",
                () -> check(p)));
    }

    private static void check(Program p) {
        CbpfProgram program = ListingParser.parseImage(String.join("\n", p.listing()) + "\n").orThrow();
        count("programs");
        switch (CfgLifter.lift(program)) {
            case LiftResult.Failed f -> {
                assertThat(f.problems()).as("why %s does not lift", p.name()).allSatisfy(problem -> assertThat(
                        problem).isInstanceOfSatisfying(LiftProblem.Rejected.class,
                        r -> assertThat(r.problem().kind()).isIn(REFUSED)));
                f.problems().stream().map(r -> ((LiftProblem.Rejected) r).problem().kind()).distinct()
                        .forEach(kind -> count("programs the kernel refuses: " + kind));
                REFUSED_NAMES.add(p.name() + " " + p.field());
            }
            case LiftResult.Lifted l -> {
                count("programs lifted");
                List<? extends AncillarySource> metadata = p.live() ? LIVE : List.of(AncillarySource.NONE);
                add("runs compared", Agreement.check(p.name() + " " + p.field(), program, l.cfg(), packets(p.dlt()),
                        metadata, EXHAUSTIVE ? Agreement.Cuts.ALL : new Agreement.Cuts(STRIDE, p.position() % STRIDE)));
            }
        }
    }

    /** The test packets of the program's link type; Ethernet's for link types without any. */
    private static List<Captures.Packet> packets(String dlt) {
        Optional<LinkType> type = LinkType.ofName(dlt).filter(LibpcapTestSuite.IN_SCOPE::contains);
        if (type.isEmpty()) {
            count("programs run on Ethernet packets (no test packets of their link type)");
        }
        return TestPackets.of(type.orElse(LinkType.EN10MB));
    }

    private static void count(String what) {
        add(what, 1);
    }

    private static void add(String what, long n) {
        COUNTS.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    @AfterAll
    static void summary() {
        System.out.println("lifting libpcap's expected programs: " + new TreeMap<>(COUNTS)
                + "\nrefused: " + REFUSED_NAMES);
    }
}
