package dev.jfilter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.frontend.CompileOptions;
import dev.jfilter.frontend.Result;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.runtime.JFilter;
import dev.jfilter.runtime.libpcap.CompileResult;
import dev.jfilter.runtime.libpcap.Libpcap;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The benchmark's inputs: what it measures must compile, and the generated filters are what they say. */
class BenchFiltersTest {
    static List<String> typical() {
        return List.copyOf(BenchFilters.typicalNames());
    }

    @Test
    void theJmhParameterListsEveryTypicalFilter() throws Exception {
        String[] params = CompileBenchmark.class.getField("filter").getAnnotation(
                org.openjdk.jmh.annotations.Param.class).value();
        assertThat(Arrays.asList(params)).containsExactlyElementsOf(BenchFilters.typicalNames());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typical")
    void bothCompilersAcceptEveryTypicalFilter(String name) {
        String e = BenchFilters.expression(name);
        assertThat(JFilter.compile(e, CompileOptions.of(LinkType.EN10MB))).isInstanceOf(Result.Ok.class);
        assumeTrue(Libpcap.isAvailable(), () -> "libpcap: " + Libpcap.unavailableReason().orElse(""));
        assertThat(Libpcap.compile(LinkType.EN10MB, 262144, true, Libpcap.NETMASK_UNKNOWN, e))
                .isInstanceOf(CompileResult.Compiled.class);
    }

    @Test
    void theGeneratedFiltersHaveOneThousandDistinctHostsAndPortsAndAreTheSameEveryTime() {
        String hosts = BenchFilters.expression(BenchFilters.HOSTS_1000);
        List<String> addresses = Arrays.stream(hosts.split(" or ")).map(t -> t.replace("host ", "")).toList();
        assertThat(addresses).hasSize(1000).doesNotHaveDuplicates()
                .allMatch(a -> a.matches("(\\d{1,3}\\.){3}\\d{1,3}") && Arrays.stream(a.split("\\."))
                        .mapToInt(Integer::parseInt).allMatch(b -> b <= 255));
        String ports = BenchFilters.expression(BenchFilters.PORTS_1000);
        List<Integer> numbers = Arrays.stream(ports.split(" or ")).map(t -> Integer.parseInt(t.replace("port ", "")))
                .toList();
        assertThat(numbers).hasSize(1000).doesNotHaveDuplicates().allMatch(p -> p >= 1 && p <= 65535);
        assertThat(BenchFilters.expression(BenchFilters.HOSTS_1000)).isEqualTo(hosts);
    }

    @Test
    void theTableReadsJmhCsvLines() {
        assertThat(BenchTable.fields("\"dev.jfilter.bench.CompileBenchmark.jfilter\",\"avgt\",1,5,12.5,0.25,\"us/op\",\"tcp-port\""))
                .containsExactly("dev.jfilter.bench.CompileBenchmark.jfilter", "avgt", "1", "5", "12.5", "0.25", "us/op",
                        "tcp-port");
        assertThat(BenchTable.fields("\"a \"\"b\"\", c\",NaN")).containsExactly("a \"b\", c", "NaN");
    }
}
