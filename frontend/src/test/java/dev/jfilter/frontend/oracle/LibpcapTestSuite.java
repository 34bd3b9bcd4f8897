package dev.jfilter.frontend.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jfilter.frontend.link.LinkType;
import dev.jfilter.frontend.link.LinkLayer;
import dev.jfilter.frontend.link.LoopbackEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** libpcap's test suite as data ({@code shared/libpcap-tests}, see its README). */
public final class LibpcapTestSuite {
    private LibpcapTestSuite() {}

    /** The link types this round lowers. */
    public static final Set<LinkType> IN_SCOPE = Set.of(
            LinkType.EN10MB,
            LinkType.RAW,
            LinkType.IPV4,
            LinkType.IPV6,
            LinkType.LINUX_SLL,
            LinkType.LINUX_SLL2,
            LinkType.NULL,
            LinkType.LOOP,
            LinkType.FDDI,
            LinkType.IEEE802,
            LinkType.IP_OVER_FC,
            LinkType.ATM_RFC1483,
            LinkType.ATM_CLIP,
            LinkType.SUNATM,
            LinkType.DSA_TAG_BRCM,
            LinkType.DSA_TAG_DSA,
            LinkType.NETANALYZER,
            LinkType.NETANALYZER_TRANSPARENT,
            LinkType.ARCNET,
            LinkType.ARCNET_LINUX,
            LinkType.BACNET_MS_TP,
            LinkType.DSA_TAG_BRCM_PREPEND,
            LinkType.DSA_TAG_EDSA,
            LinkType.NETANALYZER_NG,
            LinkType.PFLOG,
            LinkType.MTP2,
            LinkType.MTP2_WITH_PHDR,
            LinkType.MTP3,
            LinkType.IEEE802_11,
            LinkType.PRISM_HEADER,
            LinkType.IEEE802_11_RADIO_AVS,
            LinkType.IEEE802_11_RADIO,
            LinkType.PPI,
            LinkType.PPP,
            LinkType.PPP_PPPD,
            LinkType.PPP_SERIAL,
            LinkType.PPP_ETHER,
            LinkType.PPP_BSDOS,
            LinkType.C_HDLC,
            LinkType.SLIP,
            LinkType.SLIP_BSDOS,
            LinkType.FRELAY,
            LinkType.MFR,
            LinkType.JUNIPER_MFR,
            LinkType.JUNIPER_MLFR,
            LinkType.JUNIPER_MLPPP,
            LinkType.JUNIPER_ATM1,
            LinkType.JUNIPER_ATM2,
            LinkType.JUNIPER_PPPOE,
            LinkType.JUNIPER_PPPOE_ATM,
            LinkType.JUNIPER_GGSN,
            LinkType.JUNIPER_ES,
            LinkType.JUNIPER_MONITOR,
            LinkType.JUNIPER_SERVICES,
            LinkType.JUNIPER_ETHER,
            LinkType.JUNIPER_PPP,
            LinkType.JUNIPER_FRELAY,
            LinkType.JUNIPER_CHDLC,
            LinkType.JUNIPER_VP,
            LinkType.JUNIPER_ST,
            LinkType.JUNIPER_ISM,
            LinkType.JUNIPER_VS,
            LinkType.JUNIPER_SRX_E2E,
            LinkType.JUNIPER_FIBRECHANNEL,
            LinkType.JUNIPER_ATM_CEMIC,
            LinkType.JUNIPER_PIC_PEER,
            LinkType.IPNET,
            LinkType.ENC,
            LinkType.LTALK,
            LinkType.SYMANTEC_FIREWALL,
            LinkType.APPLE_IP_OVER_IEEE1394,
            LinkType.PFSYNC);

    /** An accept test: libpcap master compiles {@code expression} to {@code unopt} (and {@code opt}). */
    public record Accept(int id, String name, LinkType type, String expression, int snaplen, Optional<String> netmask,
            boolean linuxExtensions, Optional<String> offline, String skipOnRefHost, Optional<List<String>> opt,
            Optional<List<String>> unopt) {
        @Override
        public String toString() {
            return type + " " + expression + (offline.map(o -> " (" + o + ")").orElse(""));
        }
    }

    /** A reject test: libpcap master refuses {@code expression} with a message containing {@code error}. */
    public record Reject(int id, LinkType type, String expression, String error, Optional<String> netmask,
            String skipOnRefHost) {
        @Override
        public String toString() {
            return type + " " + expression;
        }
    }

    /** An apply test: master's return value for each packet of a savefile. */
    public record Apply(int id, LinkType type, String expression, String savefile, List<Long> results,
            Optional<String> netmask) {
        @Override
        public String toString() {
            return type + " " + expression + " on " + savefile;
        }
    }

    private static JsonNode read(Path shared, String file) throws IOException {
        return new ObjectMapper().readTree(shared.resolve("libpcap-tests").resolve(file).toFile());
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<List<String>> lines(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        v.forEach(l -> out.add(l.asText()));
        return Optional.of(out);
    }

    /** The accept tests of the in-scope link types. */
    public static List<Accept> accepts(Path shared) throws IOException {
        List<Accept> out = new ArrayList<>();
        for (JsonNode n : read(shared, "accept_and_apply.json")) {
            if (n.has("results")) {
                continue;
            }
            Optional<LinkType> type = LinkType.ofName(n.get("dlt").asText());
            if (type.isEmpty() || !IN_SCOPE.contains(type.get())) {
                continue;
            }
            out.add(new Accept(n.get("id").asInt(), n.get("name").asText(), type.get(), n.get("expression").asText(),
                    n.get("snaplen").asInt(), text(n, "netmask"), n.get("linuxext").asBoolean(), text(n, "offline"),
                    n.get("skip_on_ref_host").asText(), lines(n, "opt"), lines(n, "unopt")));
        }
        return out;
    }

    /** The apply tests of the in-scope link types. */
    public static List<Apply> applies(Path shared) throws IOException {
        List<Apply> out = new ArrayList<>();
        for (JsonNode n : read(shared, "accept_and_apply.json")) {
            if (!n.has("results")) {
                continue;
            }
            Optional<LinkType> type = LinkType.ofName(n.get("dlt").asText());
            if (type.isEmpty() || !IN_SCOPE.contains(type.get())) {
                continue;
            }
            List<Long> results = new ArrayList<>();
            n.get("results").forEach(r -> results.add(r.asLong()));
            String savefile = n.get("savefile").asText();
            out.add(new Apply(n.get("id").asInt(), type.get(), n.get("expression").asText(),
                    savefile.substring(savefile.lastIndexOf('/') + 1), results, text(n, "netmask")));
        }
        return out;
    }

    /** The reject tests of every link type jfilter has a layer for (opaque ones included). */
    public static List<Reject> rejects(Path shared) throws IOException {
        List<Reject> out = new ArrayList<>();
        for (JsonNode n : read(shared, "reject.json")) {
            Optional<LinkType> type = LinkType.ofName(n.get("dlt").asText());
            if (type.isEmpty() || LinkLayer.of(type.get(), new LoopbackEncoding.Savefile(false)).isEmpty()) {
                continue;
            }
            out.add(new Reject(n.get("id").asInt(), type.get(), n.get("expression").asText(),
                    n.get("errstr_substring").asText(), text(n, "netmask"), n.get("skip_on_ref_host").asText()));
        }
        return out;
    }

    /** A dotted-quad netmask as its 32 bits. */
    public static int netmask(String dotted) {
        String[] p = dotted.split("\\.");
        int v = 0;
        for (String s : p) {
            v = (v << 8) | Integer.parseInt(s);
        }
        return v;
    }
}
