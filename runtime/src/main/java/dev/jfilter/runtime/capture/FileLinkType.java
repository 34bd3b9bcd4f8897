package dev.jfilter.runtime.capture;

import dev.jfilter.frontend.link.LinkType;
import java.util.Optional;

/**
 * The link-layer header type a capture file declares for an interface: a {@link LinkType} jfilter knows, or the raw
 * {@code LINKTYPE_} number when it does not.
 *
 * @see <a href="https://www.tcpdump.org/linktypes.html">Link-layer header types</a>
 */
public sealed interface FileLinkType {

    /** The {@code LINKTYPE_} value as stored in the file (the low 16 bits of the pcap header's field). */
    int linktype();

    /** A link type jfilter knows. */
    record Known(LinkType type) implements FileLinkType {
        public Known {
            if (type.linktype() < 0) {
                throw new IllegalArgumentException(type + " has no LINKTYPE_ value and cannot be stored in a file");
            }
        }

        @Override
        public int linktype() {
            return type.linktype();
        }
    }

    /** A {@code LINKTYPE_} value jfilter has no {@link LinkType} for. */
    record Unknown(int linktype) implements FileLinkType {
        public Unknown {
            if (linktype < 0 || linktype > 0xffff) {
                throw new IllegalArgumentException("LINKTYPE_ value " + linktype + " does not fit 16 bits");
            }
        }
    }

    /** The type a file's {@code LINKTYPE_} value names. */
    static FileLinkType ofLinktype(int linktype) {
        return LinkType.ofLinktype(linktype).<FileLinkType>map(Known::new).orElseGet(() -> new Unknown(linktype));
    }

    /** The type for a known link type. */
    static FileLinkType of(LinkType type) {
        return new Known(type);
    }

    /** The {@link LinkType}, when jfilter knows it. */
    default Optional<LinkType> known() {
        return switch (this) {
            case Known k -> Optional.of(k.type());
            case Unknown u -> Optional.empty();
        };
    }

    /**
     * The {@code DLT_} value libpcap reports for this type ({@code pcap_datalink}): the known type's, or the raw
     * number, which libpcap passes through for values it does not map.
     */
    default int dlt() {
        return switch (this) {
            case Known k -> k.type().dlt();
            case Unknown u -> u.linktype();
        };
    }

    /** A readable name: the {@code DLT_} name, or {@code LINKTYPE_<n>}. */
    default String displayName() {
        return switch (this) {
            case Known k -> k.type().name();
            case Unknown u -> "LINKTYPE_" + u.linktype();
        };
    }
}
