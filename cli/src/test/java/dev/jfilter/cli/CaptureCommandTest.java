package dev.jfilter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfilter.runtime.kernel.Platform;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code jfilter capture} on what needs no traffic: the interface list against {@code tcpdump -D}, and the errors of
 * the command line, the expression and the environment, each one line with its status. Capturing itself is tested in
 * network namespaces ({@code CaptureCommandNetnsTest}).
 */
class CaptureCommandTest {

    @Test
    void listsTheInterfacesAsTcpdumpDoes() throws Exception {
        assumeTrue(Platform.isSupported(), "needs Linux: " + Platform.unavailableReason().orElse(""));
        var tcpdump = ExternalTool.tcpdump();
        assumeTrue(tcpdump.isPresent(), "tcpdump is not installed");
        Cli.Run run = Cli.run("capture", "-D");
        assertThat(run.status()).as(run.err()).isZero();
        List<String> ours = withoutNumbers(run.out());
        ExternalTool.Run theirs = tcpdump.get().run(List.of("-D"));
        assertThat(theirs.exitCode()).as(theirs.err()).isZero();
        // tcpdump also lists libpcap's pseudo-devices (any, nflog, dbus, bluetooth): compare the interfaces we list.
        Map<String, String> tcpdumpByName = withoutNumbers(theirs.out()).stream()
                .collect(Collectors.toMap(CaptureCommandTest::name, Function.identity(), (a, b) -> a));
        assertThat(ours).isNotEmpty();
        for (String line : ours) {
            assertThat(tcpdumpByName).as("tcpdump -D lists " + name(line)).containsKey(name(line));
            assertThat(line).isEqualTo(tcpdumpByName.get(name(line)));
        }
        List<String> tcpdumpOrder = withoutNumbers(theirs.out()).stream().map(CaptureCommandTest::name)
                .filter(n -> ours.stream().map(CaptureCommandTest::name).anyMatch(n::equals)).toList();
        assertThat(ours.stream().map(CaptureCommandTest::name).toList()).isEqualTo(tcpdumpOrder);
    }

    private static List<String> withoutNumbers(String listing) {
        return Arrays.stream(listing.split("\n")).filter(l -> !l.isBlank())
                .map(l -> l.substring(l.indexOf('.') + 1)).toList();
    }

    private static String name(String line) {
        int end = line.indexOf(' ');
        return end < 0 ? line : line.substring(0, end);
    }

    @Test
    void anInterfaceIsNeeded() {
        Cli.Run run = Cli.run("capture", "tcp");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("jfilter: an interface is needed: -i IFACE (-D lists them)\n");
    }

    @Test
    void aMissingInterfaceIsOneLineWithTheKernelsAnswer() {
        assumeTrue(Platform.isSupported(), "needs Linux: " + Platform.unavailableReason().orElse(""));
        Cli.Run run = Cli.run("capture", "-i", "nosuch0", "tcp");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(
                "jfilter: nosuch0: no such interface (if_nametoindex(nosuch0): ENODEV: No such device)\n");
    }

    @Test
    void aBadExpressionIsReportedWithItsColumnBeforeAnythingIsOpened() {
        assumeTrue(Platform.isSupported(), "needs Linux: " + Platform.unavailableReason().orElse(""));
        Cli.Run run = Cli.run("capture", "-i", "lo", "tcp port 70000");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("jfilter: 1:10: port number 70000 greater than maximum 65535\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void withoutTheRightToCaptureTheKernelsAnswerIsOneLine() throws Exception {
        assumeTrue(Platform.isSupported(), "needs Linux: " + Platform.unavailableReason().orElse(""));
        var setpriv = ExternalTool.find("setpriv");
        assumeTrue(setpriv.isPresent(), "setpriv (util-linux) is not installed");
        // A child JVM without CAP_NET_RAW in its bounding set: as root, execve then leaves it out of the effective set.
        List<String> command = List.of(setpriv.get().path().toString(), "--bounding-set=-net_raw",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "capture", "-i", "lo", "tcp");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assumeTrue(!output.contains("setpriv:"), "setpriv cannot drop capabilities here: " + output);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).isEqualTo("jfilter: lo: socket(AF_PACKET, SOCK_RAW): EPERM: Operation not permitted"
                + " (live capture needs CAP_NET_RAW, and CAP_BPF for --ebpf: run as root)\n");
    }

    @Test
    void dashDPrintsTheProgramTheInterfaceWouldGetAndExits() {
        assumeTrue(Platform.isSupported(), "needs Linux: " + Platform.unavailableReason().orElse(""));
        for (String expression : List.of("vlan 100 and udp", "inbound and tcp port 80", "ifindex 1", "ip broadcast")) {
            Cli.Run live = Cli.run("capture", "-i", "lo", "-d", expression);
            assertThat(live.status()).as(expression + ": " + live.err()).isZero();
            // lo is Ethernet; a live capture compiles with Linux extensions and tcpdump's netmask, 0.
            Cli.Run offline = Cli.run("compile", "--linux-ext", "--netmask", "0", "-d", expression);
            assertThat(live.out()).as(expression).isEqualTo(offline.out()).contains("ret      #262144");
        }
        Cli.Run ebpf = Cli.run("capture", "-i", "lo", "--ebpf", "-d", "vlan 100");
        assertThat(ebpf.status()).as(ebpf.err()).isZero();
        assertThat(ebpf.out()).isEqualTo(Cli.run("compile", "--target", "ebpf-socket", "--linux-ext", "-d", "vlan 100")
                .out());
    }

    @Test
    void anyIsCapturedAsLinuxCookedV2() {
        assumeTrue(Platform.isSupported(), "needs Linux: " + Platform.unavailableReason().orElse(""));
        Cli.Run live = Cli.run("capture", "-i", "any", "-d", "udp and inbound");
        assertThat(live.status()).as(live.err()).isZero();
        assertThat(live.out()).isEqualTo(
                Cli.run("compile", "-y", "LINUX_SLL2", "--linux-ext", "--netmask", "0", "-d", "udp and inbound").out());
        Cli.Run ebpf = Cli.run("capture", "-i", "any", "--ebpf", "-d", "udp and inbound");
        assertThat(ebpf.status()).as(ebpf.err()).isZero();
        assertThat(ebpf.out()).as("the eBPF program reads the packet type from the metadata")
                .contains("*(u32 *)(r6 +4)");
        Cli.Run refused = Cli.run("capture", "-i", "any", "--ebpf", "-d", "link[12] = 2");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("jfilter: cannot make a socket filter for 'any': the program reads what a"
                + " cooked socket does not give the kernel (the link-layer address or hardware type, or the length);"
                + " without --ebpf, jfilter runs such a program itself\n");
    }

    @Test
    void optionsAreCheckedFirst() {
        assertThat(Cli.run("capture", "-i", "lo", "-c", "0", "tcp").err())
                .isEqualTo("jfilter: invalid packet count 0 (-c needs a positive number)\n");
        assertThat(Cli.run("capture", "-i", "lo", "-U", "tcp").err())
                .isEqualTo("jfilter: -U makes -w write each packet as it arrives; it needs -w\n");
        assertThat(Cli.run("capture", "-i", "lo", "-B", "0", "tcp").err())
                .isEqualTo("jfilter: invalid buffer size 0 KiB\n");
        assertThat(Cli.run("capture", "-i", "lo", "-Q", "sideways", "tcp").status()).isEqualTo(2);
    }
}
