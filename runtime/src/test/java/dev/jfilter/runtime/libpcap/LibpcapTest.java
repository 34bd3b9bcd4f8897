package dev.jfilter.runtime.libpcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jfilter.cbpf.CbpfProgram;
import dev.jfilter.cbpf.SockFilter;
import dev.jfilter.frontend.link.LinkType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/** The binding itself: each call against what libpcap 1.10.3 and tcpdump are known to do. */
class LibpcapTest {
    @BeforeAll
    static void needsLibpcap() {
        Assumptions.assumeTrue(Libpcap.isAvailable(), () -> "libpcap not usable: " + Libpcap.unavailableReason());
    }

    @Test
    void reportsItsVersion() {
        assertThat(Libpcap.version()).startsWith("libpcap version 1.");
    }

    @Test
    void compilesAsTcpdumpDoes() {
        // tcpdump -ddd -y EN10MB ip
        CbpfProgram ip = new CbpfProgram(List.of(
                new SockFilter(40, 0, 0, 12), new SockFilter(21, 0, 1, 2048),
                new SockFilter(6, 0, 0, 262144), new SockFilter(6, 0, 0, 0)));
        assertThat(Libpcap.compile(LinkType.EN10MB, 262144, true, Libpcap.NETMASK_UNKNOWN, "ip"))
                .isEqualTo(new CompileResult.Compiled(ip));
        assertThat(Libpcap.compile(1, 65535, true, Libpcap.NETMASK_UNKNOWN, "ip").program().get(2).k())
                .isEqualTo(65535);
        // Without the optimizer, libpcap keeps its scratch stores.
        CbpfProgram unoptimized = Libpcap.compile(LinkType.RAW, 200, false, Libpcap.NETMASK_UNKNOWN, "len <= 200")
                .program();
        assertThat(unoptimized.instructions()).contains(new SockFilter(0x02, 0, 0, 0));
    }

    @Test
    void returnsLibpcapsErrorText() {
        assertThat(Libpcap.compile(LinkType.EN10MB, 262144, true, Libpcap.NETMASK_UNKNOWN, "ip[1] / 0 = 1"))
                .isEqualTo(new CompileResult.Rejected("division by zero"));
        assertThat(Libpcap.compile(LinkType.EN10MB, 262144, true, Libpcap.NETMASK_UNKNOWN, "tcp port"))
                .isInstanceOf(CompileResult.Rejected.class);
        assertThatThrownBy(() -> Libpcap.compile(LinkType.EN10MB, 262144, true, 0, "ip and").program())
                .isInstanceOf(AssertionError.class).hasMessageContaining("syntax error");
    }

    @Test
    void runsAnyProgramOnAPacket() {
        CbpfProgram ip = Libpcap.compile(LinkType.EN10MB, 262144, true, Libpcap.NETMASK_UNKNOWN, "ip").program();
        byte[] frame = new byte[60];
        frame[12] = 0x08;
        assertThat(Libpcap.filter(ip, frame, 60, 60)).isEqualTo(262144);
        assertThat(Libpcap.filter(ip, frame, 60, 13)).isZero();
        frame[13] = 1;
        assertThat(Libpcap.filter(ip, frame, 60, 60)).isZero();
        // ret a with A = the wire length: the return value is unsigned and can be anything.
        CbpfProgram len = new CbpfProgram(List.of(new SockFilter(0x80, 0, 0, 0), new SockFilter(0x16, 0, 0, 0)));
        assertThat(Libpcap.filter(len, frame, -2, 60)).isEqualTo(-2);
        try (Libpcap.NativeProgram p = Libpcap.load(len)) {
            assertThat(p.filter(new byte[5000], 4000, 5000)).isEqualTo(4000);
            assertThat(p.filter(new byte[0], 7, 0)).isEqualTo(7);
        }
    }

    @Test
    void validatesAsBpfValidateDoes() {
        assertThat(Libpcap.validate(new CbpfProgram(List.of(new SockFilter(6, 0, 0, 0))))).isTrue();
        assertThat(Libpcap.validate(new CbpfProgram(List.of()))).isFalse();
        assertThat(Libpcap.validate(new CbpfProgram(List.of(new SockFilter(0x34, 0, 0, 0),
                new SockFilter(6, 0, 0, 0))))).isFalse();
    }

    @Test
    void printsInstructionsWithBpfImage() {
        assertThat(Libpcap.image(new SockFilter(0x15, 0, 1, 0x800), 1))
                .isEqualTo("(001) jeq      #0x800           jt 2\tjf 3");
    }

    @Test
    void readsSavefiles(@TempDir Path dir) throws IOException {
        // A little-endian pcap header (link type 1) and one 3-byte packet of wire length 60.
        byte[] file = {
            (byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0,
            1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 60, 0, 0, 0, 7, 8, 9,
        };
        Path pcap = dir.resolve("one.pcap");
        Files.write(pcap, file);
        List<SavedPacket> packets = Libpcap.readSavefile(pcap);
        assertThat(packets).hasSize(1);
        assertThat(packets.getFirst().dlt()).isEqualTo(1);
        assertThat(packets.getFirst().caplen()).isEqualTo(3);
        assertThat(packets.getFirst().wirelen()).isEqualTo(60);
        assertThat(packets.getFirst().bytes()).containsExactly(7, 8, 9);

        Files.write(dir.resolve("junk.pcap"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24});
        assertThatThrownBy(() -> Libpcap.readSavefile(dir.resolve("junk.pcap")))
                .isInstanceOf(IOException.class).hasMessageContaining("junk.pcap");
    }
}
