package dev.jfilter.frontend.link;

/**
 * Where the SS7 fields are, from the start of the packet, on a link type that carries MTP2 signal units: libpcap's
 * {@code off_li}, {@code off_li_hsl}, {@code off_sio}, {@code off_opc}, {@code off_dpc} and {@code off_sls}
 * ({@code init_linktype}). The high-speed-link ({@code h}) forms of the MTP3 fields are 3 bytes further, after the
 * longer sequence numbers of ITU-T Q.703 Annex A.
 *
 * @param li the length indicator's byte, 6 bits (ITU-T Q.703 2.2)
 * @param liHighSpeed the high-speed length indicator's half-word, 9 bits in its top bits as loaded
 * @param sio the service information octet
 * @param opc the word holding the 14-bit originating point code (ITU-T Q.704 2.2)
 * @param dpc the half-word holding the 14-bit destination point code
 * @param sls the byte holding the 4-bit signalling link selection in its high nibble
 * @see <a href="https://www.itu.int/rec/T-REC-Q.703">ITU-T Q.703</a>, <a
 *     href="https://www.itu.int/rec/T-REC-Q.704">ITU-T Q.704</a>
 */
public record Ss7Offsets(int li, int liHighSpeed, int sio, int opc, int dpc, int sls) {

    /** The offsets after a pseudo-header of {@code pseudoHeader} bytes before the MTP2 signal unit. */
    public static Ss7Offsets afterPseudoHeader(int pseudoHeader) {
        return new Ss7Offsets(2 + pseudoHeader, 4 + pseudoHeader, 3 + pseudoHeader, 4 + pseudoHeader,
                4 + pseudoHeader, 7 + pseudoHeader);
    }
}
