package dev.jfilter.runtime.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jfilter.runtime.capture.LibpcapReader.LibpcapContents;
import dev.jfilter.runtime.capture.LibpcapReader.LibpcapPacket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pcap4j.core.PcapHandle.TimestampPrecision;

/**
 * Reads every shared capture file with the reader and with the system libpcap (through pcap4j, nanosecond
 * precision) and compares packet by packet: count, link type, captured and wire length, timestamp, bytes. Files
 * libpcap refuses must be refused too, after the same packets.
 */
class LibpcapComparisonTest {

    private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentHashMap<>();
    private static final AtomicInteger PACKETS = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> readsEverySharedFileAsLibpcapDoes() {
        if (dev.jfilter.frontend.oracle.Captures.shared().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("the shared captures",
                    dev.jfilter.frontend.oracle.Captures::requireShared));
        }
        List<Path> files = SharedFiles.captureFiles();
        return files.stream().map(file -> DynamicTest.dynamicTest(
                file.getParent().getFileName() + "/" + file.getFileName(), () -> compare(file)));
    }

    private static void compare(Path file) {
        LibpcapContents reference = LibpcapReader.read(file, TimestampPrecision.NANO);
        try (CaptureFile capture = CaptureFile.open(file)) {
            CaptureFile.Contents mine = capture.readAll();
            SoftAssertions soft = new SoftAssertions();
            if (reference.error().isEmpty()) {
                soft.assertThat(mine.error()).as("libpcap reads %s to its end", file).isEmpty();
                soft.assertThat(mine.packets()).as("packet count").hasSize(reference.packets().size());
                count(reference.packets().isEmpty()
                        ? "files read to the end by both, no packets"
                        : "files read to the end by both");
            } else {
                soft.assertThat(mine.error())
                        .as("libpcap stops with \"%s\"", reference.error().get()).isPresent();
                soft.assertThat(mine.packets().size())
                        .as("packets before the error").isEqualTo(reference.packets().size());
                count(reference.opened() ? "files refused midway by both" : "files refused by both at the start");
                System.out.printf("%s: libpcap: %s; jfilter: %s%n", file.getFileName(),
                        reference.error().get(), mine.error().map(CaptureError::problem).orElse("(no error)"));
            }
            int n = Math.min(mine.packets().size(), reference.packets().size());
            for (int i = 0; i < n; i++) {
                comparePacket(soft, i, reference.packets().get(i), mine.packets().get(i), capture);
            }
            PACKETS.addAndGet(n);
            soft.assertAll();
        }
    }

    private static void comparePacket(SoftAssertions soft, int i, LibpcapPacket expected, Packet actual,
            CaptureFile file) {
        soft.assertThat(actual.linkType().dlt()).as("packet %d DLT", i).isEqualTo(expected.dlt());
        if (expected.unreadable()) {
            // pcap4j threw on this packet's timestamp: only its presence and link type can be compared.
            count("packets pcap4j cannot deliver (timestamp fraction >= 1 s)");
            return;
        }
        soft.assertThat(actual.capturedLength()).as("packet %d caplen", i).isEqualTo(expected.caplen());
        soft.assertThat(actual.wireLength()).as("packet %d len", i).isEqualTo(expected.len());
        if (fractionOutOfRange(file, actual)) {
            // libpcap passes such a fraction through in a 64-bit tv_usec; pcap4j (like tcpdump's printing) keeps
            // 32 bits of it. The reader adds it to the seconds exactly: not comparable.
            count("packets with a timestamp fraction >= 1 s (timestamp not compared)");
        } else {
            soft.assertThat(actual.timestampNanos()).as("packet %d timestamp", i)
                    .isEqualTo(expected.timestampNanos());
        }
        soft.assertThat(actual.bytes()).as("packet %d bytes", i).isEqualTo(expected.data());
    }

    /** True for a pcap record whose sub-second field is not below one second. */
    static boolean fractionOutOfRange(CaptureFile file, Packet packet) {
        if (file.format().orElseThrow() != CaptureFormat.PCAP) {
            return false;
        }
        MemorySegment contents = file.contents();
        boolean bigEndian = contents.get(ValueLayout.JAVA_BYTE, 0) == (byte) 0xa1;
        int raw = contents.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(
                bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN), packet.offset() + 4);
        return Integer.toUnsignedLong(raw) >= packet.captureInterface().resolution().unitsPerSecond();
    }

    private static void count(String outcome) {
        OUTCOMES.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    @AfterAll
    static void summary() {
        System.out.println("LibpcapComparisonTest: " + new TreeMap<>(OUTCOMES) + ", " + PACKETS + " packets compared");
        if (dev.jfilter.frontend.oracle.Captures.shared().isPresent()) {
            assertThat(OUTCOMES).as("files compared").isNotEmpty();
        }
    }
}
