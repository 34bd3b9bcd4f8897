package dev.jfilter.runtime.capture;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a pcapng file block by block. Each section (Section Header Block) has its own byte order and its own
 * interfaces (Interface Description Blocks, numbered from 0); packets come from Enhanced Packet Blocks, Simple
 * Packet Blocks (interface 0, no timestamp) and the obsolete Packet Blocks; every other block is skipped by its
 * length. Unlike libpcap 1.10, interfaces may have different link types and snapshot lengths, and sections
 * different byte orders. Follows libpcap's {@code sf-pcapng.c} on what else it refuses.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">pcapng</a>
 */
final class PcapngCursor extends PacketCursor {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int PACKET = 0x00000002;
    static final int SIMPLE_PACKET = 0x00000003;
    static final int ENHANCED_PACKET = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    static final int OPT_END = 0;
    static final int IF_NAME = 2;
    static final int IF_TSRESOL = 9;
    static final int IF_FCSLEN = 13;
    static final int IF_TSOFFSET = 14;

    /** Block type, total length, ..., total length. */
    private static final int BLOCK_OVERHEAD = 12;

    private final long size;
    private long position;
    private boolean bigEndian;
    private int section = -1;
    private List<CaptureInterface> interfaces = new ArrayList<>();
    /** The snapshot length of each interface of the section, cached. */
    private int[] snapshots = new int[4];

    private PcapngCursor(Path path, MemorySegment file) {
        super(path, file);
        this.size = file.byteSize();
    }

    /** True if {@code file} starts with a Section Header Block with a byte-order magic in either order. */
    static boolean isPcapng(MemorySegment file) {
        if (file.byteSize() < 12 || file.get(Bytes.LE_INT, 0) != SECTION_HEADER) {
            return false;
        }
        int magic = file.get(Bytes.LE_INT, 8);
        return magic == BYTE_ORDER_MAGIC || magic == Integer.reverseBytes(BYTE_ORDER_MAGIC);
    }

    static PacketCursor open(Path path, MemorySegment file) {
        return new PcapngCursor(path, file);
    }

    @Override
    public long nextRecordOffset() {
        return position;
    }

    @Override
    boolean advance() {
        while (true) {
            long at = position;
            long remaining = size - at;
            if (remaining == 0) {
                return false;
            }
            if (remaining < 8) {
                return fail(at, "truncated block header: 8 bytes needed, " + remaining + " remain");
            }
            int type = file.get(Bytes.LE_INT, at);
            if (type == SECTION_HEADER) {
                // The type reads the same in both orders; the byte-order magic after the length decides.
                if (remaining < 12) {
                    return fail(at, "truncated section header block: 12 bytes needed, " + remaining + " remain");
                }
                int magic = file.get(Bytes.LE_INT, at + 8);
                if (magic == BYTE_ORDER_MAGIC) {
                    bigEndian = false;
                } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    bigEndian = true;
                } else {
                    return fail(at, "section header block with a bad byte-order magic " + Bytes.hex32(magic));
                }
            } else if (bigEndian) {
                type = Integer.reverseBytes(type);
            }
            long length = Bytes.u32(file, at + 4, bigEndian);
            if (length < BLOCK_OVERHEAD) {
                return fail(at, "block of type " + typeName(type) + " has a length of " + length + " < "
                        + BLOCK_OVERHEAD);
            }
            if (length % 4 != 0) {
                return fail(at, "block of type " + typeName(type) + " has a length of " + length
                        + " that is not a multiple of 4");
            }
            if (length > remaining) {
                return fail(at, "truncated block of type " + typeName(type) + ": length " + length + ", "
                        + remaining + " bytes remain");
            }
            long trailer = Bytes.u32(file, at + length - 4, bigEndian);
            if (trailer != length) {
                return fail(at, "block of type " + typeName(type) + " has a length of " + length
                        + " in its header but " + trailer + " in its trailer");
            }
            position = at + length;
            readAhead(position);
            long body = at + 8;
            long bodyLength = length - BLOCK_OVERHEAD;
            switch (type) {
                case SECTION_HEADER -> {
                    if (bodyLength < 16) {
                        return fail(at, "section header block is too short: " + length + " bytes");
                    }
                    int major = Bytes.u16(file, body + 4, bigEndian);
                    int minor = Bytes.u16(file, body + 6, bigEndian);
                    if (major != 1 || (minor != 0 && minor != 2)) {
                        return fail(at, "unsupported pcapng version " + major + "." + minor);
                    }
                    section++;
                    interfaces = new ArrayList<>();
                }
                case INTERFACE_DESCRIPTION -> {
                    if (section < 0) {
                        return fail(at, "interface description block before any section header block");
                    }
                    if (bodyLength < 8) {
                        return fail(at, "interface description block is too short: " + length + " bytes");
                    }
                    String problem = addInterface(body, bodyLength);
                    if (problem != null) {
                        return fail(at, problem);
                    }
                }
                case ENHANCED_PACKET -> {
                    if (bodyLength < 20) {
                        return fail(at, "enhanced packet block is too short: " + length + " bytes");
                    }
                    long id = Bytes.u32(file, body, bigEndian);
                    long high = Bytes.u32(file, body + 4, bigEndian);
                    long low = Bytes.u32(file, body + 8, bigEndian);
                    long caplen = Bytes.u32(file, body + 12, bigEndian);
                    long len = Bytes.u32(file, body + 16, bigEndian);
                    return packet(at, id, high << 32 | low, caplen, len, body + 20, bodyLength - 20,
                            "enhanced packet block");
                }
                case SIMPLE_PACKET -> {
                    if (bodyLength < 4) {
                        return fail(at, "simple packet block is too short: " + length + " bytes");
                    }
                    long len = Bytes.u32(file, body, bigEndian);
                    if (interfaces.isEmpty()) {
                        return fail(at, unknownInterface(0));
                    }
                    // The captured length is the packet length cut to interface 0's snapshot length.
                    long caplen = Math.min(len, snapshots[0]);
                    return packet(at, 0, 0, caplen, len, body + 4, bodyLength - 4, "simple packet block");
                }
                case PACKET -> {
                    if (bodyLength < 20) {
                        return fail(at, "packet block is too short: " + length + " bytes");
                    }
                    int id = Bytes.u16(file, body, bigEndian);
                    long high = Bytes.u32(file, body + 4, bigEndian);
                    long low = Bytes.u32(file, body + 8, bigEndian);
                    long caplen = Bytes.u32(file, body + 12, bigEndian);
                    long len = Bytes.u32(file, body + 16, bigEndian);
                    return packet(at, id, high << 32 | low, caplen, len, body + 20, bodyLength - 20,
                            "packet block");
                }
                default -> {
                    // Name resolution, statistics, journal, custom, ...: nothing a filter needs.
                }
            }
        }
    }

    private boolean packet(long at, long id, long units, long caplen, long len, long data, long room, String what) {
        if (id >= interfaces.size()) {
            return fail(at, unknownInterface(id));
        }
        int index = (int) id;
        int snapshot = snapshots[index];
        if (caplen > snapshot) {
            return fail(at, "captured length " + caplen + " is bigger than the snapshot length " + snapshot
                    + " of interface " + id);
        }
        if (caplen > room) {
            return fail(at, what + " is too short for its captured length " + caplen + ": " + room
                    + " bytes of data");
        }
        CaptureInterface iface = interfaces.get(index);
        long nanos = iface.resolution().toNanos(units, iface.timestampOffsetSeconds());
        deliver(iface, at, nanos, (int) caplen, len, data);
        return true;
    }

    private String unknownInterface(long id) {
        return "a packet on interface " + id + ", but section " + section + " has "
                + (interfaces.isEmpty() ? "no interface description blocks"
                        : "only " + interfaces.size() + " interface description block"
                                + (interfaces.size() == 1 ? "" : "s"));
    }

    /** Adds the interface an IDB describes; the problem with its options, or null. */
    private String addInterface(long body, long bodyLength) {
        int linktype = Bytes.u16(file, body, bigEndian);
        long snaplen = Bytes.u32(file, body + 4, bigEndian);
        TimestampResolution resolution = TimestampResolution.MICROSECONDS;
        long offsetSeconds = 0;
        OptionalInt fcsBits = OptionalInt.empty();
        Optional<String> name = Optional.empty();
        boolean sawResolution = false;
        boolean sawOffset = false;
        long at = body + 8;
        long end = body + bodyLength;
        while (at < end) {
            if (end - at < 4) {
                return "interface description block has a truncated option header";
            }
            int code = Bytes.u16(file, at, bigEndian);
            int length = Bytes.u16(file, at + 2, bigEndian);
            long value = at + 4;
            long padded = (length + 3L) & ~3L;
            if (padded > end - value) {
                return "interface description block has an option " + code + " of length " + length
                        + " that runs past the block";
            }
            at = value + padded;
            switch (code) {
                case OPT_END -> {
                    if (length != 0) {
                        return "interface description block has opt_endofopt with length " + length + " != 0";
                    }
                    at = end;
                }
                case IF_TSRESOL -> {
                    if (length != 1) {
                        return "interface description block has if_tsresol with length " + length + " != 1";
                    }
                    if (sawResolution) {
                        return "interface description block has more than one if_tsresol option";
                    }
                    sawResolution = true;
                    int tsresol = Byte.toUnsignedInt(file.get(ValueLayout.JAVA_BYTE, value));
                    Optional<TimestampResolution> parsed = TimestampResolution.ofTsresol(tsresol);
                    if (parsed.isEmpty()) {
                        return "interface description block has if_tsresol " + ((tsresol & 0x80) != 0 ? "2" : "10")
                                + "^-" + (tsresol & 0x7f) + ", too fine";
                    }
                    resolution = parsed.get();
                }
                case IF_TSOFFSET -> {
                    if (length != 8) {
                        return "interface description block has if_tsoffset with length " + length + " != 8";
                    }
                    if (sawOffset) {
                        return "interface description block has more than one if_tsoffset option";
                    }
                    sawOffset = true;
                    offsetSeconds = Bytes.i64(file, value, bigEndian);
                }
                case IF_FCSLEN -> {
                    if (length == 1) {
                        fcsBits = OptionalInt.of(Byte.toUnsignedInt(file.get(ValueLayout.JAVA_BYTE, value)));
                    }
                }
                case IF_NAME -> name = Optional.of(new String(
                        file.asSlice(value, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
                default -> {
                    // Addresses, speed, filter, OS, comments: not needed to read packets.
                }
            }
        }
        var iface = new CaptureInterface(section, interfaces.size(), FileLinkType.ofLinktype(linktype), snaplen,
                resolution, offsetSeconds, fcsBits, name,
                bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (interfaces.size() == snapshots.length) {
            snapshots = Arrays.copyOf(snapshots, snapshots.length * 2);
        }
        snapshots[interfaces.size()] = iface.snapshot();
        interfaces.add(iface);
        return null;
    }

    private static String typeName(int type) {
        return switch (type) {
            case SECTION_HEADER -> "SHB";
            case INTERFACE_DESCRIPTION -> "IDB";
            case PACKET -> "PB";
            case SIMPLE_PACKET -> "SPB";
            case ENHANCED_PACKET -> "EPB";
            default -> Bytes.hex32(type);
        };
    }
}
