package dev.jfilter.testpcaps.gen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtochainGuardTest {
    @Test
    void wellFormedChainsTerminate() {
        byte[] v6 = Ipv6.of(Addr.v6("2001:db8::1"), Addr.v6("fe80::2")).ext(new Ipv6Ext.HopByHop(new byte[0]))
                .ext(new Ipv6Ext.Authentication(1, 1, 12)).payload(Tcp.ports(1, 2).build()).build();
        byte[] v4 = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2"))
                .payload(Transport.ah(0x01020304, 1, Tcp.ports(1, 2).build())).build();
        assertThat(ProtochainGuard.mayLoopForever(v6, 0)).isFalse();
        assertThat(ProtochainGuard.mayLoopForever(v4, 0)).isFalse();
    }

    @Test
    void ipv4AhWhoseLengthPointsBackAtItselfLoops() {
        // AH at 20 announcing AH again with length 3: libpcap sets X = (3 + 2) * 4 = 20, the same AH.
        byte[] p = Ipv4.of(Addr.v4("10.0.0.1"), Addr.v4("10.0.0.2")).payload(51, new byte[] {51, 3, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0}).build();
        assertThat(ProtochainGuard.loopsV4(p, 0)).isTrue();
        assertThat(ProtochainGuard.mayLoopForever(p, 0)).isTrue();
        assertThat(ProtochainGuard.mayLoopForever(new ByteBuilder().fill(14, 0).bytes(p).toByteArray(), 14)).isTrue();
        // The same bytes read at a different network offset are harmless.
        assertThat(ProtochainGuard.mayLoopForever(new ByteBuilder().fill(14, 0).bytes(p).toByteArray(), 16)).isFalse();
    }

    @Test
    void ipv6AhThatJumpsBackIntoTheFixedHeaderLoops() {
        // AH at 40 with length 8: X becomes (8 + 2) * 4 = 40 again, and the AH announces AH.
        byte[] p = Ipv6.of(Addr.v6("2001:db8::1"), Addr.v6("2001:db8::2"))
                .payload(51, new byte[] {51, 8, 0, 0, 0, 0, 0, 0}).build();
        assertThat(ProtochainGuard.loopsV6(p, 0)).isTrue();
    }

    @Test
    void outOfBoundsLoadsEndTheWalk() {
        byte[] p = Ipv6.of(new byte[16], new byte[16]).payload(0, new byte[0]).build();
        assertThat(ProtochainGuard.loopsV6(p, 0)).isFalse();
        assertThat(ProtochainGuard.mayLoopForever(new byte[0], 0, 4, 14)).isFalse();
    }
}
