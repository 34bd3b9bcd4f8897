package dev.jfilter.frontend.lower;

import dev.jfilter.frontend.ast.AddrQualifier;
import dev.jfilter.frontend.ast.DirQualifier;
import dev.jfilter.frontend.ast.IdOperand;
import dev.jfilter.frontend.ast.Primitive;
import dev.jfilter.frontend.ast.ProtoQualifier;
import dev.jfilter.frontend.ast.Qualifiers;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code [proto] [dir] [type] id}: one method per kind of operand, as libpcap's grammar hands them to
 * {@code gen_scode} (names), {@code gen_ncode} (numbers and IPv4 addresses), {@code gen_mcode} (IPv4 networks),
 * {@code gen_mcode6} (IPv6), {@code gen_ecode} (MAC-48) and {@code gen_acode} (MAC-8), with the checks
 * grammar.y.in makes first.
 */
final class QualifiedPrimitives {
    private final LoweringContext ctx;
    private final Addresses addresses;
    private final Ports ports;
    private final Protocols protocols;
    private final ProtoChain protoChain;

    QualifiedPrimitives(LoweringContext ctx, Addresses addresses, Ports ports, Protocols protocols,
            ProtoChain protoChain) {
        this.ctx = ctx;
        this.addresses = addresses;
        this.ports = ports;
        this.protocols = protocols;
        this.protoChain = protoChain;
    }

    Pred lower(Primitive.Qualified p) {
        Qualifiers q = p.qualifiers();
        try {
            return switch (p.operand()) {
                case IdOperand.Name n -> name(n.text(), q);
                case IdOperand.Number n -> number(null, n.value(), q);
                case IdOperand.Ipv4 a -> {
                    grammarCheck(q, "IPv4 address");
                    yield number(a, 0, q);
                }
                case IdOperand.Ipv4Prefix a -> {
                    grammarCheck(q, "IPv4 address and prefix length");
                    yield ipv4Network(a.address(), null, Integer.toUnsignedLong(a.prefixLength()), q);
                }
                case IdOperand.Ipv4Masked a -> {
                    grammarCheck(q, "IPv4 address and netmask");
                    yield ipv4Network(a.address(), a.mask(), 0, q);
                }
                case IdOperand.Ipv6Prefix a -> {
                    grammarCheck(q, "IPv6 address and prefix length");
                    yield ipv6(a.address(), Integer.toUnsignedLong(a.prefixLength()), q);
                }
                case IdOperand.Ipv6 a -> {
                    grammarCheck(q, "IPv6 address");
                    yield ipv6(a, 128, q);
                }
                case IdOperand.Mac m -> mac48(m.value(), q);
                case IdOperand.LinkByte b -> mac8(b.value(), q);
            };
        } catch (LoweringException e) {
            throw e.orAt(e.aboutQualifiers() && q.span().length() > 0 ? q.span() : p.operand().span());
        }
    }

    /** grammar.y.in refuses {@code port}, {@code portrange}, {@code proto} and {@code protochain} on addresses. */
    private static void grammarCheck(Qualifiers q, String what) {
        String keyword = switch (q.addr()) {
            case PORT, PORTRANGE, PROTO, PROTOCHAIN -> q.addr().keyword();
            case DEFAULT, HOST, NET, GATEWAY -> null;
        };
        if (keyword != null) {
            // libpcap's message for this one case ends with a space.
            String tail = what.equals("IPv6 address and prefix length") && q.addr() == AddrQualifier.PROTO ? " " : "";
            throw LoweringException.qualifier("'" + keyword + "' qualifier applied to " + what + tail);
        }
    }

    /** {@code gen_scode}: the operand is a name. */
    private Pred name(String name, Qualifiers q) {
        ProtoQualifier proto = q.proto();
        DirQualifier dir = q.dir();
        if (proto == ProtoQualifier.DECNET) {
            throw LoweringException.qualifier(Keywords.invalidQualifier("decnet",
                    Keywords.type(q.addr() == AddrQualifier.DEFAULT ? AddrQualifier.HOST : q.addr())));
        }
        return switch (q.addr()) {
            case NET -> {
                OptionalLong net = ctx.options.names().network(name);
                if (net.isEmpty() || net.getAsLong() == 0) {
                    throw new LoweringException("unknown network '" + name + "'");
                }
                long[] am = leftJustify(net.getAsLong());
                yield addresses.host(new long[] {am[0]}, new long[] {am[1]}, proto, dir, false,
                        "net <IPv4 network name>");
            }
            case DEFAULT, HOST -> proto == ProtoQualifier.LINK
                    ? addresses.mac48ByName(name, dir, "link host NAME")
                    : addresses.hostByName(name, proto, proto, dir, false);
            case PORT -> ports.portByName(name, proto, dir, q.addr());
            case PORTRANGE -> ports.portRangeByName(name, proto, dir);
            case GATEWAY -> addresses.gateway(name, proto);
            case PROTO -> protocols.proto(protocols.lookup(name, proto, q.addr()), proto);
            case PROTOCHAIN -> protoChain.chain(protocols.lookup(name, proto, q.addr()), proto);
        };
    }

    /** A network number written as a plain number: shifted left past its zero high bytes, with its mask. */
    private static long[] leftJustify(long v) {
        long mask = 0xffffffffL;
        while (v != 0 && (v & 0xff000000L) == 0) {
            v = (v << 8) & 0xffffffffL;
            mask = (mask << 8) & 0xffffffffL;
        }
        return new long[] {v, mask};
    }

    /** {@code gen_ncode}: a number ({@code address} null) or an IPv4 address or short form. */
    private Pred number(IdOperand.Ipv4 address, long v, Qualifiers q) {
        String text = address == null ? null : address.text();
        ProtoQualifier proto = q.proto();
        if (proto == ProtoQualifier.DECNET) {
            return decnet(text, v, q);
        }
        int vlen;
        String idstr;
        if (text == null) {
            vlen = 32;
            idstr = Long.toUnsignedString(v & 0xffffffffL);
        } else {
            v = valid(address).value();
            vlen = address.bits();
            idstr = text;
        }
        return switch (q.addr()) {
            case DEFAULT, HOST, NET -> {
                if (proto == ProtoQualifier.LINK) {
                    throw new LoweringException("illegal link-layer address '" + idstr + "'");
                }
                long[] am;
                if (text == null && q.addr() == AddrQualifier.NET) {
                    am = leftJustify(v);
                } else {
                    am = new long[] {(v << (32 - vlen)) & 0xffffffffL, (0xffffffffL << (32 - vlen)) & 0xffffffffL};
                }
                yield addresses.host(new long[] {am[0]}, new long[] {am[1]}, proto, q.dir(), false,
                        q.addr() == AddrQualifier.NET ? "net <IPv4 address>" : "host <IPv4 address>");
            }
            case PORTRANGE, PORT -> {
                int transport = Ports.transportOf(proto, Keywords.type(q.addr()));
                Limits.atMost("port number", v, 0xffff);
                yield ports.port(v, transport, q.dir(), q.addr());
            }
            case PROTO -> protocols.proto(v, proto);
            case PROTOCHAIN -> protoChain.chain(v, proto);
            case GATEWAY -> throw LoweringException.qualifier(Keywords.invalidQualifier("gateway", idstr));
        };
    }

    /** {@code gen_dnhost}: {@code decnet host AREA.NODE}. */
    private Pred decnet(String text, long v, Qualifiers q) {
        Addresses.requireNonWlan(q.dir());
        if (q.addr() != AddrQualifier.DEFAULT && q.addr() != AddrQualifier.HOST) {
            throw LoweringException.qualifier(Keywords.invalidQualifier("decnet", Keywords.type(q.addr())));
        }
        if (text == null) {
            throw new LoweringException("invalid DECnet address '" + Long.toUnsignedString(v & 0xffffffffL) + "'");
        }
        int addr = atodn(text);
        if (addr < 0) {
            throw new LoweringException("invalid DECnet address '" + text + "'");
        }
        return addresses.decnetHost(addr, q.dir());
    }

    /** {@code gen_mcode}: {@code NET/LEN} or {@code NET mask MASK}. */
    private Pred ipv4Network(IdOperand.Ipv4 address, IdOperand.Ipv4 netmask, long masklen, Qualifiers q) {
        String s1 = address.text();
        String s2 = netmask == null ? null : netmask.text();
        if (q.proto() == ProtoQualifier.DECNET) {
            throw LoweringException.qualifier(Keywords.invalidQualifier("decnet",
                    Keywords.type(q.addr() == AddrQualifier.DEFAULT ? AddrQualifier.HOST : q.addr())));
        }
        long n = (valid(address).value() << (32 - address.bits())) & 0xffffffffL;
        long m;
        String idstr;
        if (s2 != null) {
            m = (valid(netmask).value() << (32 - netmask.bits())) & 0xffffffffL;
            idstr = s1 + " mask " + s2;
        } else {
            Limits.atMost("netmask length", masklen, 32);
            m = (0xffffffffL << (32 - masklen)) & 0xffffffffL;
            idstr = s1 + "/" + masklen;
        }
        if ((n & ~m) != 0) {
            throw new LoweringException("non-network bits set in \"" + idstr + "\"");
        }
        if (q.addr() == AddrQualifier.NET) {
            return addresses.host(new long[] {n}, new long[] {m}, q.proto(), q.dir(), false, "net <IPv4 prefix>");
        }
        throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.type(q.addr()), idstr));
    }

    /** {@code gen_mcode6}: an IPv6 address with a prefix length (128 when none was written). */
    private Pred ipv6(IdOperand.Ipv6 address, long masklen, Qualifiers q) {
        String s = address.text();
        if (masklen > 128) {
            throw new LoweringException("mask length must be <= 128");
        }
        byte[] addr = new byte[16];
        for (int i = 0; i < 8; i++) {
            addr[i] = (byte) (address.high() >>> (56 - 8 * i));
            addr[8 + i] = (byte) (address.low() >>> (56 - 8 * i));
        }
        byte[] mask = Addresses.prefixMask((int) masklen);
        for (int i = 0; i < 16; i++) {
            if ((addr[i] & ~mask[i]) != 0) {
                throw new LoweringException("non-network bits set in \"" + s + "/" + masklen + "\"");
            }
        }
        return switch (q.addr()) {
            case DEFAULT, HOST, NET -> {
                if (q.addr() != AddrQualifier.NET && masklen != 128) {
                    throw LoweringException.qualifier(Keywords.invalidQualifier("host", s + "/" + masklen));
                }
                yield addresses.host6(List.of(addr), List.of(mask), q.proto(), q.dir(), false,
                        q.addr() == AddrQualifier.HOST ? "host <IPv6 address>" : "net <IPv6 prefix>");
            }
            case PORT, PORTRANGE, PROTO, PROTOCHAIN, GATEWAY -> throw LoweringException.qualifier(
                    Keywords.invalidQualifier(Keywords.type(q.addr()), masklen == 128 ? s : s + "/" + masklen));
        };
    }

    /** {@code gen_ecode}: a MAC-48 address. */
    private Pred mac48(long mac, Qualifiers q) {
        String context = "link host XX:XX:XX:XX:XX:XX";
        boolean hostish = q.addr() == AddrQualifier.HOST || q.addr() == AddrQualifier.DEFAULT;
        if (!(hostish && q.proto() == ProtoQualifier.LINK)) {
            throw LoweringException.qualifier("Ethernet address used in non-ether expression");
        }
        if (ctx.link().mac().isEmpty()) {
            throw ctx.notSupportedOnDlt(context);
        }
        return addresses.mac48(mac, q.dir(), context);
    }

    /** {@code gen_acode}: a MAC-8 address, for ARCnet and MS/TP only. */
    private Pred mac8(int address, Qualifiers q) {
        Addresses.requireNonWlan(q.dir());
        if (q.addr() != AddrQualifier.HOST && q.addr() != AddrQualifier.DEFAULT) {
            throw LoweringException.qualifier(Keywords.invalidQualifier(Keywords.type(q.addr()), "$XX"));
        }
        if (q.proto() != ProtoQualifier.LINK) {
            throw LoweringException.qualifier("'link' is the only valid proto qualifier for 'host $XX'");
        }
        return addresses.mac8(address, q.dir(), "link host $XX");
    }

    /** The address, if {@code pcap_atoin} accepted its text; libpcap's error otherwise. */
    private static IdOperand.Ipv4 valid(IdOperand.Ipv4 address) {
        if (!address.valid()) {
            throw new LoweringException("invalid IPv4 address '" + address.text() + "'");
        }
        return address;
    }

    /** libpcap's {@code pcapint_atodn}: {@code AREA.NODE}, area at most 63 and node at most 1023; -1 if invalid. */
    static int atodn(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0 || dot == s.length() - 1) {
            return -1;
        }
        String area = s.substring(0, dot);
        String node = s.substring(dot + 1);
        if (!area.chars().allMatch(c -> c >= '0' && c <= '9') || !node.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long a = 0;
        for (char c : area.toCharArray()) {
            a = a * 10 + (c - '0');
            if (a > 63) {
                return -1;
            }
        }
        long nd = 0;
        for (char c : node.toCharArray()) {
            nd = nd * 10 + (c - '0');
            if (nd > 1023) {
                return -1;
            }
        }
        return (int) (a << 10 | nd);
    }
}
