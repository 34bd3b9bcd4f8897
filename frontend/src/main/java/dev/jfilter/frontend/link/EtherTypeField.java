package dev.jfilter.frontend.link;

import dev.jfilter.cfg.LoadSize;
import dev.jfilter.frontend.lower.Base;
import dev.jfilter.frontend.lower.Fields;
import dev.jfilter.frontend.lower.Limits;
import dev.jfilter.frontend.lower.Pred;

/**
 * A fixed header with an EtherType at a fixed offset and nothing else libpcap filters on: {@code DLT_SYMANTEC_FIREWALL}
 * (a 44-byte header, the EtherType at 6) and {@code DLT_APPLE_IP_OVER_IEEE1394} (an 18-byte header, the EtherType at
 * 16). gencode.c {@code gen_linktype}'s default case compares the field with the value as an EtherType.
 *
 * @param type {@code SYMANTEC_FIREWALL} or {@code APPLE_IP_OVER_IEEE1394}
 * @see <a href="https://www.tcpdump.org/linktypes/LINKTYPE_APPLE_IP_OVER_IEEE1394.html">
 *     LINKTYPE_APPLE_IP_OVER_IEEE1394</a>
 */
public record EtherTypeField(LinkType type) implements LinkLayer {

    public EtherTypeField {
        if (type != LinkType.SYMANTEC_FIREWALL && type != LinkType.APPLE_IP_OVER_IEEE1394) {
            throw new IllegalArgumentException("no fixed EtherType field known on " + type);
        }
    }

    @Override
    public LinkOffsets offsets() {
        return type == LinkType.SYMANTEC_FIREWALL ? new LinkOffsets(6, 44, 0, 0) : new LinkOffsets(16, 18, 0, 0);
    }

    @Override
    public Pred protocolTest(Fields f, long llProto) {
        Limits.atMost("EtherType", llProto, 0xffff);
        return f.eq(Base.LINK_TYPE, 0, LoadSize.HALF, llProto);
    }
}
