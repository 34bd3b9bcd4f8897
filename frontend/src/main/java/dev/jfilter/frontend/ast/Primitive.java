package dev.jfilter.frontend.ast;

import java.util.OptionalLong;

/**
 * A primitive of the filter language: the leaves of a {@link FilterExpr}. One record per form of libpcap's
 * grammar ({@code rterm} and {@code other} in grammar.y).
 *
 * @see <a href="https://www.tcpdump.org/manpages/pcap-filter.7.html">pcap-filter(7)</a>
 */
public sealed interface Primitive extends FilterExpr {

    /** {@code [proto] [dir] [type] id}: host, net, port, portrange, gateway, proto and protochain primitives. */
    record Qualified(Qualifiers qualifiers, IdOperand operand, Span span) implements Primitive {}

    /** A protocol name alone, such as {@code tcp} or {@code ip6}. */
    record ProtoAbbrev(ProtoQualifier proto, Span span) implements Primitive {}

    /** {@code left relop right} over arithmetic expressions. */
    record Relation(Arith left, RelOp op, Arith right, Span opSpan, Span span) implements Primitive {}

    /** {@code [proto] broadcast}. */
    record Broadcast(ProtoQualifier proto, Span span) implements Primitive {}

    /** {@code [proto] multicast}. */
    record Multicast(ProtoQualifier proto, Span span) implements Primitive {}

    /** {@code less n} ({@code len <= n}) or {@code greater n} ({@code len >= n}). */
    record LengthCompare(boolean greater, long length, Span span) implements Primitive {}

    /** The deprecated {@code byte index op value}, {@code op} one of {@code & | < > =}. */
    record ByteOp(long index, char op, long value, Span span) implements Primitive {}

    /** {@code inbound} or {@code outbound}. */
    record Direction(boolean outbound, Span span) implements Primitive {}

    /** {@code ifindex n}. */
    record IfIndex(long index, Span span) implements Primitive {}

    /**
     * An encapsulation: {@code vlan}, {@code mpls}, {@code pppoed}, {@code pppoes}, {@code geneve} or
     * {@code vxlan}, with its optional id, label, session or VNI. These shift the offsets of everything after them.
     */
    record Encapsulation(Kind kind, OptionalLong value, Span span) implements Primitive {
        /** Which encapsulation. */
        public enum Kind {
            VLAN("vlan"),
            MPLS("mpls"),
            PPPOED("pppoed"),
            PPPOES("pppoes"),
            GENEVE("geneve"),
            VXLAN("vxlan");

            private final String keyword;

            Kind(String keyword) {
                this.keyword = keyword;
            }

            /** The keyword. */
            public String keyword() {
                return keyword;
            }
        }
    }

    /** {@code llc} with an optional frame type ({@code i}, {@code s}, {@code u}) or S/U subtype value. */
    record Llc(Kind kind, int subtype, Span span) implements Primitive {
        /** What the primitive tests. */
        public enum Kind {
            /** {@code llc}: any LLC frame. */
            ANY,
            /** {@code llc i}. */
            I,
            /** {@code llc s}. */
            S,
            /** {@code llc u}. */
            U,
            /** {@code llc rr|rnr|rej}: an S-frame subtype, in {@code subtype}. */
            S_SUBTYPE,
            /** {@code llc ui|ua|disc|dm|sabme|test|xid|frmr}: a U-frame subtype, in {@code subtype}. */
            U_SUBTYPE
        }
    }

    /** pflog: {@code on}/{@code ifname NAME}. */
    record PfIfname(String name, Span span) implements Primitive {}

    /** pflog: {@code rset}/{@code ruleset NAME}. */
    record PfRuleset(String name, Span span) implements Primitive {}

    /** pflog: {@code rnr}/{@code rulenum N}. */
    record PfRuleNumber(long number, Span span) implements Primitive {}

    /** pflog: {@code srnr}/{@code subrulenum N}. */
    record PfSubruleNumber(long number, Span span) implements Primitive {}

    /** pflog: {@code reason NAME|N}, as its number. */
    record PfReason(int reason, Span span) implements Primitive {}

    /** pflog: {@code action NAME}, as its number. */
    record PfAction(int action, Span span) implements Primitive {}

    /** 802.11: {@code type T [subtype S]} or {@code subtype S}: frame-control bits {@code value} under {@code mask}. */
    record WlanType(int value, int mask, Span span) implements Primitive {}

    /** 802.11: {@code dir nods|tods|fromds|dstods|N}. */
    record WlanDir(int value, Span span) implements Primitive {}

    /** ATM (SunATM): {@code lane}, {@code oam}, {@code metaconnect}, ... */
    record AtmAbbrev(Type type, Span span) implements Primitive {
        /** The ATM abbreviations of grammar.y ({@code atmtype}, {@code atmmultitype}). */
        public enum Type {
            LANE, METAC, BCC, OAMF4EC, OAMF4SC, SC, ILMIC, OAM, OAMF4, CONNECTMSG, METACONNECT
        }
    }

    /** ATM (SunATM): {@code vpi}/{@code vci} compared with a number. */
    record AtmField(Field field, RelOp op, long value, Span span) implements Primitive {
        /** The ATM header field. */
        public enum Field {
            VPI, VCI
        }
    }

    /** SS7 MTP2: {@code fisu}, {@code lssu}, {@code msu} and their {@code h} forms. */
    record Mtp2Abbrev(Type type, Span span) implements Primitive {
        /** The MTP2 signal-unit types. */
        public enum Type {
            FISU, LSSU, MSU, HFISU, HLSSU, HMSU
        }
    }

    /** SS7 MTP3: {@code sio}, {@code opc}, {@code dpc}, {@code sls} and their {@code h} forms, compared with a number. */
    record Mtp3Field(Field field, RelOp op, long value, Span span) implements Primitive {
        /** The MTP3 fields. */
        public enum Field {
            SIO, OPC, DPC, SLS, HSIO, HOPC, HDPC, HSLS
        }
    }
}
