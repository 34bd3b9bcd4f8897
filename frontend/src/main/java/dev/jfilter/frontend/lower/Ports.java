package dev.jfilter.frontend.lower;

import dev.jfilter.frontend.parse.Stoulen;
import static dev.jfilter.frontend.lower.Protocols.IPPROTO_SCTP;
import static dev.jfilter.frontend.lower.Protocols.IPPROTO_TCP;
import static dev.jfilter.frontend.lower.Protocols.IPPROTO_UDP;

import dev.jfilter.cfg.JumpOp;
import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.link.LinkProtocols;
import dev.jfilter.frontend.names.Transport;
import java.util.OptionalInt;

/**
 * {@code port} and {@code portrange} over TCP, UDP and SCTP, IPv4 and IPv6, with libpcap's port-name rules:
 * {@code gen_port}, {@code gen_port6}, {@code gen_portrange}, {@code gen_portrange6}, {@code pcap_nametoport},
 * {@code stringtoport} and {@code stringtoportrange} (gencode.c, nametoaddr.c).
 *
 * <p>The IPv4 part requires the first (or only) fragment and finds the transport header after the variable IPv4
 * header; the IPv6 part looks only at the fixed header's next header and assumes the transport header at +40.
 */
final class Ports {
    /** libpcap's {@code PROTO_UNDEF}: any of TCP, UDP and SCTP. */
    static final int ANY = -1;

    private static final int SRC_PORT = 0;
    private static final int DST_PORT = 2;

    private final LoweringContext ctx;
    private final Protocols protocols;

    Ports(LoweringContext ctx, Protocols protocols) {
        this.ctx = ctx;
        this.protocols = protocols;
    }

    /** A port number and the transport protocol its name belongs to ({@link #ANY} when both or unknown). */
    record Port(long number, int protocol) {}

    /** libpcap's {@code port_pq_to_ipproto}: the transport a qualifier allows, or an error. */
    static int transportOf(ProtoQualifier proto, String keyword) {
        return switch (proto) {
            case UDP -> IPPROTO_UDP;
            case TCP -> IPPROTO_TCP;
            case SCTP -> IPPROTO_SCTP;
            case DEFAULT -> ANY;
            case LINK, IP, ARP, RARP, ICMP, IGMP, IGRP, ATALK, DECNET, LAT, SCA, MOPRC, MOPDL, IPV6, ICMPV6,
                    AH, ESP, PIM, VRRP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1, ISIS_L2,
                    ISIS_IIH, ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP, RADIO, CARP -> throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.proto(proto), keyword));
        };
    }

    /** {@code port N} on IPv6 or IPv4 ({@code gen_or(gen_port6, gen_port)}). */
    Pred port(long port, int protocol, DirQualifier dir, AddrQualifier addr) {
        Pred b = ipv4(atoms(dir, Keywords.type(addr), off -> portAtom(Base.TRANSPORT_IPV4, off, port)), protocol);
        Pred b6 = ipv6(atoms(dir, Keywords.type(addr), off -> portAtom(Base.TRANSPORT_IPV6, off, port)), protocol);
        return Pred.or(b6, b);
    }

    /** {@code port N} on IPv4 only ({@code gen_port}), as the tunnels test their UDP port. */
    Pred ipv4Port(long port, int protocol, DirQualifier dir) {
        return ipv4(atoms(dir, "port", off -> portAtom(Base.TRANSPORT_IPV4, off, port)), protocol);
    }

    /** {@code port N} on IPv6 only ({@code gen_port6}). */
    Pred ipv6Port(long port, int protocol, DirQualifier dir) {
        return ipv6(atoms(dir, "port", off -> portAtom(Base.TRANSPORT_IPV6, off, port)), protocol);
    }

    /** {@code portrange P1-P2} on IPv6 or IPv4. */
    Pred portRange(long port1, long port2, int protocol, DirQualifier dir) {
        Pred b = ipv4(atoms(dir, "portrange", off -> rangeAtom(Base.TRANSPORT_IPV4, off, port1, port2)), protocol);
        Pred b6 = ipv6(atoms(dir, "portrange", off -> rangeAtom(Base.TRANSPORT_IPV6, off, port1, port2)), protocol);
        return Pred.or(b6, b);
    }

    private interface Atom {
        Pred at(int offset);
    }

    private static Pred atoms(DirQualifier dir, String keyword, Atom atom) {
        return switch (dir) {
            case SRC -> atom.at(SRC_PORT);
            case DST -> atom.at(DST_PORT);
            case SRC_AND_DST -> Pred.and(atom.at(SRC_PORT), atom.at(DST_PORT));
            case DEFAULT, SRC_OR_DST -> Pred.or(atom.at(SRC_PORT), atom.at(DST_PORT));
            case ADDR1, ADDR2, ADDR3, ADDR4, RA, TA ->
                    throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.dir(dir), keyword));
        };
    }

    private Pred portAtom(Base base, int offset, long port) {
        return ctx.eq(base, offset, LoadSize.HALF, port);
    }

    private Pred rangeAtom(Base base, int offset, long v1, long v2) {
        if (v1 == v2) {
            return portAtom(base, offset, v1);
        }
        Pred b1 = Checks.compare(ctx.load(base, offset, LoadSize.HALF), JumpOp.JGE, false, Math.min(v1, v2));
        Pred b2 = Checks.compare(ctx.load(base, offset, LoadSize.HALF), JumpOp.JGT, true, Math.max(v1, v2));
        return Pred.and(b1, b2);
    }

    /** libpcap's {@code gen_port_common}: IPv4, the protocol, the first fragment, then the ports. */
    private Pred ipv4(Pred ports, int protocol) {
        Pred tmp = protocol == ANY
                ? Pred.or(protocols.ipProto(IPPROTO_TCP),
                        Pred.or(protocols.ipProto(IPPROTO_UDP), protocols.ipProto(IPPROTO_SCTP)))
                : protocols.ipProto(protocol);
        Pred b0 = Pred.and(tmp, protocols.ipFirstFragment());
        Pred b1 = Pred.and(b0, ports);
        return Pred.and(ctx.linkType(LinkProtocols.ETHERTYPE_IP), b1);
    }

    /** libpcap's {@code gen_port6_common}: IPv6, the next header, then the ports. */
    private Pred ipv6(Pred ports, int protocol) {
        Pred tmp = protocol == ANY
                ? Pred.or(protocols.ip6Proto(IPPROTO_TCP),
                        Pred.or(protocols.ip6Proto(IPPROTO_UDP), protocols.ip6Proto(IPPROTO_SCTP)))
                : protocols.ip6Proto(protocol);
        Pred b1 = Pred.and(tmp, ports);
        return Pred.and(ctx.linkType(LinkProtocols.ETHERTYPE_IPV6), b1);
    }

    /**
     * A service name as a TCP and a UDP port ({@code pcap_nametoport}): TCP wins, and a name with the same port
     * for both means either protocol. Empty if neither knows the name.
     */
    java.util.Optional<Port> byName(String name) {
        OptionalInt tcp = service(name, Transport.TCP);
        OptionalInt udp = service(name, Transport.UDP);
        if (tcp.isPresent()) {
            int proto = udp.isPresent() && udp.getAsInt() == tcp.getAsInt() ? ANY : IPPROTO_TCP;
            return java.util.Optional.of(new Port(tcp.getAsInt(), proto));
        }
        if (udp.isPresent()) {
            return java.util.Optional.of(new Port(udp.getAsInt(), IPPROTO_UDP));
        }
        return java.util.Optional.empty();
    }

    /** getaddrinfo's service lookup: a string of decimal digits is its own number, anything else a name. */
    private OptionalInt service(String name, Transport transport) {
        if (!name.isEmpty() && name.length() <= 9 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int v = Integer.parseInt(name);
            return v <= 0xffff ? OptionalInt.of(v) : OptionalInt.empty();
        }
        return ctx.options.names().service(name, transport);
    }

    /** {@code port NAME} ({@code gen_scode}, {@code Q_PORT}). */
    Pred portByName(String name, ProtoQualifier proto, DirQualifier dir, AddrQualifier addr) {
        transportOf(proto, "port");
        Port p = byName(name).orElseThrow(() -> new LoweringException("unknown port '" + name + "'"));
        int real = resolveProtocol(proto, p.protocol(), "port '" + name + "'");
        return port(p.number(), real, dir, addr);
    }

    /** {@code portrange NAME-NAME} ({@code gen_scode}, {@code Q_PORTRANGE}). */
    Pred portRangeByName(String range, ProtoQualifier proto, DirQualifier dir) {
        transportOf(proto, "portrange");
        int hyphen = range.indexOf('-');
        if (hyphen < 0) {
            throw new LoweringException("port range '" + range + "' contains no hyphen");
        }
        if (range.indexOf('-', hyphen + 1) >= 0) {
            throw new LoweringException("port range '" + range + "' contains more than one hyphen");
        }
        if (hyphen == 0) {
            throw new LoweringException("port range '" + range + "' has no starting port");
        }
        Port first = stringToPort(range.substring(0, hyphen));
        if (hyphen == range.length() - 1) {
            throw new LoweringException("port range '" + range + "' has no ending port");
        }
        Port second = stringToPort(range.substring(hyphen + 1));
        int both = first.protocol() == second.protocol() ? second.protocol() : ANY;
        int real = resolveProtocol(proto, both, "port in range '" + range + "'");
        Limits.atMost("port number", first.number(), 0xffff);
        Limits.atMost("port number", second.number(), 0xffff);
        return portRange(first.number(), second.number(), real, dir);
    }

    /** A {@code port N} qualifier and the protocol the name gave: a mismatch is an error, {@link #ANY} narrows. */
    private static int resolveProtocol(ProtoQualifier proto, int named, String what) {
        int wanted = switch (proto) {
            case UDP -> IPPROTO_UDP;
            case TCP -> IPPROTO_TCP;
            case SCTP -> IPPROTO_SCTP;
            case DEFAULT, LINK, IP, ARP, RARP, ICMP, IGMP, IGRP, ATALK, DECNET, LAT, SCA, MOPRC, MOPDL, IPV6,
                    ICMPV6, AH, ESP, PIM, VRRP, AARP, ISO, ESIS, ISIS, CLNP, STP, IPX, NETBEUI, ISIS_L1,
                    ISIS_L2, ISIS_IIH, ISIS_SNP, ISIS_CSNP, ISIS_PSNP, ISIS_LSP, RADIO, CARP -> ANY;
        };
        if (wanted == ANY || named == ANY) {
            return wanted == ANY ? named : wanted;
        }
        if (named != wanted) {
            throw new LoweringException(what + " is " + name(named));
        }
        return wanted;
    }

    private static String name(int ipProto) {
        return switch (ipProto) {
            case IPPROTO_TCP -> "tcp";
            case IPPROTO_UDP -> "udp";
            default -> "sctp";
        };
    }

    /** One end of a port range ({@code stringtoport}): a number in C syntax, or a service name. */
    private Port stringToPort(String s) {
        Stoulen.Parsed n = s.isEmpty() ? new Stoulen.Parsed.BadDigit("") : Stoulen.parse(s);
        return switch (n) {
            case Stoulen.Parsed.Value v -> new Port(v.value(), ANY);
            case Stoulen.Parsed.Overflow o -> throw new LoweringException(o.message());
            case Stoulen.Parsed.BadDigit x -> byName(s).orElseThrow(
                    () -> new LoweringException("'" + s + "' is not a valid port"));
        };
    }
}
