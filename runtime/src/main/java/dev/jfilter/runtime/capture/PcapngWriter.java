package dev.jfilter.runtime.capture;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes a little-endian pcapng file: one Section Header Block, an Interface Description Block per interface, an
 * Enhanced Packet Block per packet, timestamps in the resolution given at creation ({@code if_tsresol}).
 *
 * <p>Packets written from bytes go to the <em>default interface</em> (the link type and snapshot length given to
 * {@link #create}); packets read from a capture file keep their interface: each distinct source interface gets an
 * IDB of its own, with its link type, snapshot length, name, FCS length and {@code if_tsoffset} (so that a timestamp
 * an offset moved before 1970 is written as it was read). IDBs are written when first used; a
 * file closed before any packet gets the default interface, so that libpcap, which wants one, reads it.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">pcapng</a>
 */
public final class PcapngWriter implements CaptureWriter {
    private static final int SHB_USERAPPL = 4;

    private final OutputBuffer out;
    private final FileLinkType linkType;
    private final int snaplen;
    private final TimestampResolution resolution;
    private final Map<CaptureInterface, Integer> interfaceIds = new HashMap<>();
    /** Each written interface's snapshot length, by id (0: none). */
    private int[] snaplens = new int[4];
    /** Each written interface's {@code if_tsoffset}, by id. */
    private long[] offsets = new long[4];
    /** The source interface of the last packet written, and its id here: packets come in runs. */
    private CaptureInterface lastSource;
    private int lastId;
    private int defaultInterface = -1;
    private int interfaceCount;

    private PcapngWriter(OutputBuffer out, FileLinkType linkType, int snaplen, TimestampResolution resolution) {
        this.out = out;
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.resolution = resolution;
    }

    /** Creates (or truncates) {@code path} and writes the Section Header Block. */
    public static PcapngWriter create(Path path, FileLinkType linkType, int snaplen, TimestampResolution resolution)
            throws IOException {
        check(linkType, snaplen, resolution);
        return create(new OutputBuffer(path), linkType, snaplen, resolution);
    }

    /** Writes a pcapng file to {@code channel} (standard output, a pipe), which {@link #close()} closes. */
    public static PcapngWriter create(WritableByteChannel channel, FileLinkType linkType, int snaplen,
            TimestampResolution resolution) throws IOException {
        check(linkType, snaplen, resolution);
        return create(new OutputBuffer(channel), linkType, snaplen, resolution);
    }

    private static void check(FileLinkType linkType, int snaplen, TimestampResolution resolution) {
        Objects.requireNonNull(linkType);
        Objects.requireNonNull(resolution);
        if (snaplen < 0) {
            throw new IllegalArgumentException("snapshot length " + snaplen + " is negative");
        }
    }

    private static PcapngWriter create(OutputBuffer out, FileLinkType linkType, int snaplen,
            TimestampResolution resolution) throws IOException {
        try {
            byte[] application = "jfilter".getBytes(StandardCharsets.UTF_8);
            int options = optionLength(application.length) + 4;
            out.u32(PcapngCursor.SECTION_HEADER);
            out.u32(28 + options);
            out.u32(PcapngCursor.BYTE_ORDER_MAGIC);
            out.u16(1);
            out.u16(0);
            out.u64(-1); // section length not given
            option(out, SHB_USERAPPL, application);
            out.u32(0); // opt_endofopt
            out.u32(28 + options);
            out.flush();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new PcapngWriter(out, linkType, snaplen, resolution);
    }

    /** Creates a pcapng file with nanosecond timestamps. */
    public static PcapngWriter create(Path path, FileLinkType linkType, int snaplen) throws IOException {
        return create(path, linkType, snaplen, TimestampResolution.NANOSECONDS);
    }

    /** Writes {@code packet} on an interface like the one it was read from. */
    @Override
    public void write(Packet packet) throws IOException {
        CaptureInterface source = packet.captureInterface();
        if (source != lastSource) {
            Integer id = interfaceIds.get(source);
            if (id == null) {
                id = addInterface(source.linkType(), source.snaplen(), source.name(), source.fcsLengthBits(),
                        source.timestampOffsetSeconds());
                interfaceIds.put(source, id);
            }
            lastSource = source;
            lastId = id;
        }
        write(lastId, packet.timestampNanos(), packet.data(), packet.wireLength());
    }

    /** Writes a packet on the default interface. */
    @Override
    public void write(long timestampNanos, MemorySegment data, long wireLength) throws IOException {
        if (defaultInterface < 0) {
            defaultInterface = addInterface(linkType, snaplen, Optional.empty(), OptionalInt.empty(), 0);
        }
        write(defaultInterface, timestampNanos, data, wireLength);
    }

    private void write(int id, long timestampNanos, MemorySegment data, long wireLength) throws IOException {
        if (wireLength < 0 || wireLength > 0xffffffffL) {
            throw new IllegalArgumentException("wire length " + wireLength + " does not fit 32 bits");
        }
        long units = resolution.fromNanos(sinceOffset(timestampNanos, offsets[id]));
        int limit = snaplens[id];
        long caplen = limit == 0 ? data.byteSize() : Math.min(data.byteSize(), limit);
        long padded = (caplen + 3) & ~3L;
        long length = 32 + padded;
        if (length > 0xffffffffL) {
            throw new IllegalArgumentException("packet of " + caplen + " bytes does not fit a block");
        }
        out.ensure(length);
        out.u32(PcapngCursor.ENHANCED_PACKET);
        out.u32(length);
        out.u32(id);
        out.u32(units >>> 32);
        out.u32(units & 0xffffffffL);
        out.u32(caplen);
        out.u32(wireLength);
        out.bytes(data, caplen);
        out.zeros((int) (padded - caplen));
        out.u32(length);
    }

    /** The nanoseconds the EPB states for {@code timestampNanos} on an interface with that {@code if_tsoffset}. */
    private static long sinceOffset(long timestampNanos, long offsetSeconds) {
        try {
            return Math.subtractExact(timestampNanos, Math.multiplyExact(offsetSeconds, 1_000_000_000L));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp " + timestampNanos + " ns is out of range with if_tsoffset "
                    + offsetSeconds);
        }
    }

    private int addInterface(FileLinkType type, long snap, Optional<String> name, OptionalInt fcsBits,
            long offsetSeconds) throws IOException {
        byte[] nameBytes = name.map(n -> n.getBytes(StandardCharsets.UTF_8)).orElse(null);
        int options = 0;
        if (nameBytes != null) {
            options += optionLength(nameBytes.length);
        }
        boolean writeResolution = !resolution.equals(TimestampResolution.MICROSECONDS);
        if (writeResolution) {
            options += optionLength(1);
        }
        if (fcsBits.isPresent()) {
            options += optionLength(1);
        }
        if (offsetSeconds != 0) {
            options += optionLength(8);
        }
        if (options > 0) {
            options += 4;
        }
        int length = 20 + options;
        out.ensure(length);
        out.u32(PcapngCursor.INTERFACE_DESCRIPTION);
        out.u32(length);
        out.u16(type.linktype());
        out.u16(0);
        out.u32(snap);
        if (nameBytes != null) {
            option(out, PcapngCursor.IF_NAME, nameBytes);
        }
        if (writeResolution) {
            option(out, PcapngCursor.IF_TSRESOL, new byte[] {(byte) resolution.tsresol()});
        }
        if (fcsBits.isPresent()) {
            option(out, PcapngCursor.IF_FCSLEN, new byte[] {(byte) fcsBits.getAsInt()});
        }
        if (offsetSeconds != 0) {
            out.u16(PcapngCursor.IF_TSOFFSET);
            out.u16(8);
            out.u64(offsetSeconds);
        }
        if (options > 0) {
            out.u32(0); // opt_endofopt
        }
        out.u32(length);
        int id = interfaceCount++;
        if (id == snaplens.length) {
            snaplens = Arrays.copyOf(snaplens, id * 2);
            offsets = Arrays.copyOf(offsets, id * 2);
        }
        offsets[id] = offsetSeconds;
        snaplens[id] = snap > Integer.MAX_VALUE ? 0 : (int) snap;
        return id;
    }

    private static int optionLength(int valueLength) {
        return 4 + ((valueLength + 3) & ~3);
    }

    private static void option(OutputBuffer out, int code, byte[] value) throws IOException {
        out.u16(code);
        out.u16(value.length);
        out.bytes(value);
        out.zeros(((value.length + 3) & ~3) - value.length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (interfaceCount == 0) {
                defaultInterface = addInterface(linkType, snaplen, Optional.empty(), OptionalInt.empty(), 0);
            }
        } finally {
            out.close();
        }
    }
}
