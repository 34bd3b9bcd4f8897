package dev.jfilter.frontend.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.cfg.Cfg;
import dev.jfilter.cfg.CfgInterpreter;
import dev.jfilter.cfg.opt.Optimizer;
import dev.jfilter.cfg.opt.Reasoning;
import dev.jfilter.cfg.opt.SearchTrees;
import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.ast.FilterExpr;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.parse.FilterParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random disjunctions, conjunctions and negations of primitives, lowered with and without
 * {@link DisjunctionRegrouping}, unoptimized and optimized (with search trees of several leaf sizes): every program
 * gives the verdict of libpcap's shape, unoptimized, on every frame cut at every length.
 */
class RegroupingPropertyTest {
    static final String[] POOL = {
        "host 10.0.0.1", "host 10.0.0.2", "src host 10.0.0.3", "dst host 10.0.0.1", "ip host 192.168.0.1",
        "ip6 host ::1", "ip6 src host fe80::1", "ip6 host 2001:db8::5", "ether host 02:00:00:00:00:01",
        "ether src 02:00:00:00:00:02", "ether dst ff:ff:ff:ff:ff:ff", "net 10.0.0.0/24", "src net 10.0.1.0/24",
        "ip6 net fe80::/16", "port 53", "port 80", "src port 80", "dst port 443", "udp port 53", "tcp port 22",
        "port 5353", "portrange 20-25", "tcp portrange 79-81", "udp dst portrange 1-53", "ip", "ip6", "arp", "rarp",
        "tcp", "udp", "icmp", "sctp", "ip proto 17", "ip6 proto 6", "ether proto 0x806", "vlan", "vlan 10", "vlan 20",
        "ip[2:2] > 40", "tcp[13] & 2 != 0", "len > 80", "ip broadcast", "ether multicast"};

    static String primitive(Random r) {
        return POOL[r.nextInt(POOL.length)];
    }

    static String expr(Random r, int depth) {
        return switch (depth <= 0 ? r.nextInt(3) : r.nextInt(8)) {
            case 0, 1 -> primitive(r);
            case 2 -> {
                // A chain of primitives of one kind, the shape the regrouping is for.
                String kind = new String[] {"host 10.0.0.", "port ", "src port ", "ip6 host ::", "net 10.0."}[r.nextInt(5)];
                List<String> parts = new ArrayList<>();
                int n = 2 + r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    int v = kind.startsWith("port") || kind.startsWith("src port")
                            ? RegroupingPackets.PORTS[r.nextInt(RegroupingPackets.PORTS.length)] : 1 + r.nextInt(4);
                    parts.add(kind + v + (kind.startsWith("net") ? ".0/24" : ""));
                }
                yield "(" + String.join(r.nextBoolean() ? " or " : " and not ", parts) + ")";
            }
            case 3 -> "not " + expr(r, depth - 1);
            case 4, 5 -> "(" + expr(r, depth - 1) + " and " + expr(r, depth - 1) + ")";
            default -> "(" + expr(r, depth - 1) + " or " + expr(r, depth - 1) + ")";
        };
    }

    private static Optional<Cfg> lower(String expression, boolean regroup) {
        Result<Optional<FilterExpr>> ast = FilterParser.parse(expression);
        if (!(ast instanceof Result.Ok<Optional<FilterExpr>> ok)) {
            return Optional.empty();
        }
        return Lowering.lower(ok.value(), CompileOptions.of(LinkType.EN10MB), regroup) instanceof Result.Ok<Cfg> c
                ? Optional.of(c.value()) : Optional.empty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void regroupedProgramsGiveLibpcapShapedVerdictsOnEveryCut(long seed) {
        Random r = new Random(seed);
        List<byte[]> frames = RegroupingPackets.frames(seed * 31, 40);
        int compared = 0;
        for (int i = 0; i < 60; i++) {
            String expression = expr(r, 3);
            Optional<Cfg> plain = lower(expression, false);
            Optional<Cfg> regrouped = lower(expression, true);
            assertThat(regrouped.isPresent()).as(expression).isEqualTo(plain.isPresent());
            if (plain.isEmpty()) {
                continue; // refused either way (vlan after a vlan in a negation, and such)
            }
            int leaf = new int[] {1, 2, SearchTrees.DEFAULT_LEAF, SearchTrees.RANGES_ONLY}[r.nextInt(4)];
            List<Cfg> variants = List.of(regrouped.get(),
                    Optimizer.optimize(plain.get(), Reasoning.FULL, false, leaf).after(),
                    Optimizer.optimize(regrouped.get(), Reasoning.FULL, false, leaf).after());
            for (byte[] frame : frames) {
                for (int cut = 0; cut <= frame.length; cut++) {
                    byte[] p = Arrays.copyOf(frame, cut);
                    int expected = CfgInterpreter.run(plain.get(), p, cut, frame.length);
                    for (int v = 0; v < variants.size(); v++) {
                        assertThat(CfgInterpreter.run(variants.get(v), p, cut, frame.length))
                                .as("%s, variant %d (leaf %d), frame %s", expression, v, leaf, Arrays.toString(p))
                                .isEqualTo(expected);
                    }
                }
            }
            compared++;
        }
        assertThat(compared).as("expressions compiled").isGreaterThan(30);
    }
}
