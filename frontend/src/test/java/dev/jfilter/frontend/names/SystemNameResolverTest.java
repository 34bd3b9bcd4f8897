package dev.jfilter.frontend.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemNameResolverTest {
    @TempDir
    static Path etc;

    static SystemNameResolver names;

    @BeforeAll
    static void files() throws Exception {
        Files.writeString(etc.resolve("hosts"), """
                127.0.0.1 localhost
                # a comment line
                10.0.0.5   box box.example   # trailing comment
                2001:db8::5 box
                ::1 ip6-localhost
                """);
        Files.writeString(etc.resolve("services"), """
                smtp		25/tcp		mail
                domain		53/tcp
                domain		53/udp
                bootps		67/udp
                odd		100/tcp
                odd		101/udp
                """);
        Files.writeString(etc.resolve("protocols"), """
                ip	0	IP		# internet protocol
                tcp	6	TCP
                udp	17	UDP
                """);
        Files.writeString(etc.resolve("networks"), """
                default		0.0.0.0
                loopback	127.0.0.0
                ten		10
                short		10.1
                hexa		0x0a.0x02
                """);
        Files.writeString(etc.resolve("ethers"), """
                00:11:22:33:44:55 box
                a:b:c:d:e:f tiny
                """);
        names = SystemNameResolver.filesUnder(etc);
    }

    @Test
    void hostsAreReadWithAliasesAndBothFamilies() {
        assertThat(names.hostAddresses("box")).containsExactly(
                InetAddress.ofLiteral("10.0.0.5"), InetAddress.ofLiteral("2001:db8::5"));
        assertThat(names.hostAddresses("BOX.example")).containsExactly(InetAddress.ofLiteral("10.0.0.5"));
        assertThat(names.hostAddresses("nosuch")).isEmpty();
    }

    @Test
    void servicesArePerTransport() {
        assertThat(names.service("smtp", Transport.TCP)).isEqualTo(OptionalInt.of(25));
        assertThat(names.service("mail", Transport.TCP)).isEqualTo(OptionalInt.of(25));
        assertThat(names.service("smtp", Transport.UDP)).isEmpty();
        assertThat(names.service("bootps", Transport.UDP)).isEqualTo(OptionalInt.of(67));
        assertThat(names.service("odd", Transport.UDP)).isEqualTo(OptionalInt.of(101));
        assertThat(names.service("SMTP", Transport.TCP)).isEmpty();
    }

    @Test
    void protocolsByNameAndAlias() {
        assertThat(names.protocol("tcp")).isEqualTo(OptionalInt.of(6));
        assertThat(names.protocol("UDP")).isEqualTo(OptionalInt.of(17));
        assertThat(names.protocol("ip")).isEqualTo(OptionalInt.of(0));
        assertThat(names.protocol("nosuch")).isEmpty();
    }

    @Test
    void networksAreRightJustifiedLikeInetNetwork() {
        assertThat(names.network("loopback")).isEqualTo(OptionalLong.of(0x7f000000L));
        assertThat(names.network("ten")).isEqualTo(OptionalLong.of(10));
        assertThat(names.network("short")).isEqualTo(OptionalLong.of(0x0a01));
        assertThat(names.network("hexa")).isEqualTo(OptionalLong.of(0x0a02));
        assertThat(names.network("default")).isEqualTo(OptionalLong.of(0));
        assertThat(SystemNameResolver.inetNetwork("1.2.3.4.5")).isEmpty();
        assertThat(SystemNameResolver.inetNetwork("256")).isEmpty();
    }

    @Test
    void ethersAreMac48() {
        assertThat(names.etherAddress("box")).isEqualTo(OptionalLong.of(0x001122334455L));
        assertThat(names.etherAddress("tiny")).isEqualTo(OptionalLong.of(0x0a0b0c0d0e0fL));
        assertThat(names.etherAddress("nosuch")).isEmpty();
        assertThat(SystemNameResolver.parseMac("00:11:22:33:44")).isEmpty();
    }

    @Test
    void aMissingFileKnowsNoNames() {
        SystemNameResolver none = SystemNameResolver.filesUnder(etc.resolve("nowhere"));
        assertThat(none.hostAddresses("box")).isEmpty();
        assertThat(none.protocol("tcp")).isEmpty();
    }

    @Test
    void theFixedResolverAnswersFromItsTables() {
        FixedNameResolver f = FixedNameResolver.builder()
                .host("h", "10.1.2.3", "fe80::1").ether("h", 0x0123456789abL).network("n", 0x0a)
                .service("s", Transport.UDP, 99).protocol("p", 200).build();
        assertThat(f.hostAddresses("h")).hasSize(2);
        assertThat(f.etherAddress("h")).isEqualTo(OptionalLong.of(0x0123456789abL));
        assertThat(f.network("n")).isEqualTo(OptionalLong.of(10));
        assertThat(f.service("s", Transport.UDP)).isEqualTo(OptionalInt.of(99));
        assertThat(f.service("s", Transport.TCP)).isEmpty();
        assertThat(f.protocol("p")).isEqualTo(OptionalInt.of(200));
        assertThat(FixedNameResolver.empty().hostAddresses("h")).isEmpty();
    }
}
