/*
 * The pcap-filter(7) language as libpcap master defines it: scanner.l (tokens) and grammar.y.in (syntax).
 *
 * Lexer: the flex rules in flex's order. Flex takes the longest match and, for matches of equal length, the
 * earlier rule; an ANTLR lexer does the same (longest match, then the rule defined first), so the rules below
 * keep scanner.l's order: keywords, operators, AID, MAC (EID), N (NUM), HID, V6 (HID6), the bad-MAC rule, the
 * named number constants, ID, the backslash escape, any other character. Values and lexical errors (octal and
 * hex digits, 32-bit overflow, inet_pton of IPv6, bad MAC) are computed by the frontend from the token text.
 *
 * Parser: the same language as bison's LALR(1) parser of grammar.y.in, with its left recursion turned into
 * loops. Bison resolves 38 shift/reduce conflicts (%expect 38), all of them about '%' and '^', which have no
 * declared precedence: bison always shifts, so their right operand extends over the rest of the arithmetic
 * expression and their left operand is the single operand before them (see `operand` below). Everything else
 * in grammar.y.in is conflict-free, hence unambiguous, and this grammar accepts exactly the same strings.
 *
 * Qualifier inheritance ($<blk>0 in grammar.y.in) is semantic and done by the frontend's tree walk.
 *
 * See https://www.tcpdump.org/manpages/pcap-filter.7.html
 */
grammar PcapFilter;

// ---------------------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------------------

/** prog: null expr | null */
prog
    : expr? EOF
    ;

/** expr: term | expr and term | expr and id | expr or term | expr or id (and/or: equal precedence, left). */
expr
    : term (boolOp exprRest)*
    ;

exprRest
    : term
    | id
    ;

boolOp
    : AND
    | OR
    ;

/** term: rterm | not term */
term
    : NOT term        # notTerm
    | rterm           # plainTerm
    ;

/** id: nid | pnum | paren pid ')' */
id
    : nid                    # nidId
    | pnum                   # pnumId
    | LPAREN pid RPAREN      # parenId
    ;

/** nid: ID | HID '/' NUM | HID NETMASK HID | HID | HID6 '/' NUM | HID6 | EID | AID | not id */
nid
    : ID                     # nameNid
    | HID SLASH NUM          # ipv4PrefixNid
    | HID NETMASK HID        # ipv4MaskNid
    | HID                    # ipv4Nid
    | HID6 SLASH NUM         # ipv6PrefixNid
    | HID6                   # ipv6Nid
    | EID                    # macNid
    | AID                    # linkByteNid
    | NOT id                 # notNid
    ;

/** pid: nid | qid and id | qid or id;  qid: pnum | pid. A list must not be a lone pnum. */
pid
    : nid (boolOp id)*       # nidPid
    | pnum (boolOp id)+      # pnumPid
    ;

/** pnum: NUM | paren pnum ')' */
pnum
    : NUM                    # numPnum
    | LPAREN pnum RPAREN     # parenPnum
    ;

rterm
    : head id                            # qualifiedRterm
    | LPAREN expr RPAREN                 # parenRterm
    | pname                              # protoRterm
    | arith relop arith                  # relationRterm
    | other                              # otherRterm
    | atmtype                            # atmtypeRterm
    | atmmultitype                       # atmmultitypeRterm
    | atmfield atmvalue                  # atmfieldRterm
    | mtp2type                           # mtp2typeRterm
    | mtp3field mtp3value                # mtp3fieldRterm
    ;

/** head: pqual dqual aqual | pqual dqual | pqual aqual | pqual PROTO | pqual PROTOCHAIN | pqual ndaqual */
head
    : pname? dqual aqual?
    | pname? aqual
    | pname? PROTO
    | pname? PROTOCHAIN
    | pname? GATEWAY
    ;

dqual
    : SRC                    # srcDqual
    | DST                    # dstDqual
    | SRC OR DST             # srcOrDstDqual
    | DST OR SRC             # dstOrSrcDqual
    | SRC AND DST            # srcAndDstDqual
    | DST AND SRC            # dstAndSrcDqual
    | ADDR1                  # addr1Dqual
    | ADDR2                  # addr2Dqual
    | ADDR3                  # addr3Dqual
    | ADDR4                  # addr4Dqual
    | RA                     # raDqual
    | TA                     # taDqual
    ;

aqual
    : HOST
    | NET
    | PORT
    | PORTRANGE
    ;

pname
    : LINK | IP | ARP | RARP | SCTP | TCP | UDP | ICMP | IGMP | IGRP | PIM | VRRP | CARP | ATALK | AARP
    | DECNET | LAT | SCA | MOPDL | MOPRC | IPV6 | ICMPV6 | AH | ESP | ISO | ESIS | ISIS | L1 | L2 | IIH
    | LSP | SNP | PSNP | CSNP | CLNP | STP | IPX | NETBEUI | RADIO
    ;

other
    : pname? BROADCAST                   # broadcastOther
    | pname? MULTICAST                   # multicastOther
    | LESS NUM                           # lessOther
    | GREATER NUM                        # greaterOther
    | CBYTE NUM byteop NUM               # byteOther
    | INBOUND                            # inboundOther
    | OUTBOUND                           # outboundOther
    | IFINDEX NUM                        # ifindexOther
    | VLAN pnum?                         # vlanOther
    | MPLS pnum?                         # mplsOther
    | PPPOED                             # pppoedOther
    | PPPOES pnum?                       # pppoesOther
    | GENEVE pnum?                       # geneveOther
    | VXLAN pnum?                        # vxlanOther
    | pfvar                              # pfOther
    | pname? p80211                      # wlanOther
    | pllc                               # llcOther
    ;

pfvar
    : PF_IFNAME ID                       # ifnamePf
    | PF_RSET ID                         # rulesetPf
    | PF_RNR NUM                         # rulenumPf
    | PF_SRNR NUM                        # subrulenumPf
    | PF_REASON (NUM | ID)               # reasonPf
    | PF_ACTION ID                       # actionPf
    ;

/** p80211: TYPE type SUBTYPE subtype | TYPE type | SUBTYPE type_subtype | DIR dir */
p80211
    : TYPE wlanValue (SUBTYPE wlanValue)?    # typeWlan
    | SUBTYPE ID                             # subtypeWlan
    | DIR wlanValue                          # dirWlan
    ;

wlanValue
    : NUM
    | ID
    ;

/** pllc: LLC | LLC ID | LLC PF_RNR ("rnr" is already a keyword for PF) */
pllc
    : LLC (ID | PF_RNR)?
    ;

relop
    : GT | GEQ | EQ | LEQ | LT | NEQ
    ;

byteop
    : AMP | PIPE | LT | GT | EQ
    ;

// Arithmetic: '|' < '&' < '<<' '>>' < '+' '-' < '*' '/' < unary '-' (%left/%nonassoc in grammar.y.in).
// '%' and '^' have no precedence: bison shifts on them and after them, so `a + b % c * d` is
// `a + (b % (c * d))` and `-a % b` is `-(a % b)`.
arith
    : arithAnd (PIPE arithAnd)*
    ;

arithAnd
    : arithShift (AMP arithShift)*
    ;

arithShift
    : arithAdd ((LSH | RSH) arithAdd)*
    ;

arithAdd
    : arithMul ((PLUS | MINUS) arithMul)*
    ;

arithMul
    : unary ((STAR | SLASH) unary)*
    ;

unary
    : MINUS unary                        # negateUnary
    | operand                            # operandUnary
    ;

/** An operand, and the right-extending '%'/'^' that bison's shift preference attaches to it. */
operand
    : atom ((PERCENT | CARET) arith)?
    ;

atom
    : NUM                                          # numAtom
    | LEN                                          # lenAtom
    | LPAREN arith RPAREN                          # parenAtom
    | pname LBRACKET arith (COLON NUM)? RBRACKET   # indexAtom
    ;

atmtype
    : LANE | METAC | BCC | OAMF4EC | OAMF4SC | SC | ILMIC
    ;

atmmultitype
    : OAM | OAMF4 | CONNECTMSG | METACONNECT
    ;

atmfield
    : VPI | VCI
    ;

/** atmvalue: atmfieldvalue | relop NUM | irelop NUM | paren atmlistvalue ')' */
atmvalue
    : NUM                                # numFieldValue
    | relop NUM                          # relFieldValue
    | LPAREN NUM (OR NUM)* RPAREN        # listFieldValue
    ;

mtp2type
    : FISU | LSSU | MSU | HFISU | HLSSU | HMSU
    ;

mtp3field
    : SIO | OPC | DPC | SLS | HSIO | HOPC | HDPC | HSLS
    ;

mtp3value
    : NUM                                # numMtp3Value
    | relop NUM                          # relMtp3Value
    | LPAREN NUM (OR NUM)* RPAREN        # listMtp3Value
    ;

// ---------------------------------------------------------------------------------------------------------
// Lexer, in scanner.l's order (keywords are case-sensitive)
// ---------------------------------------------------------------------------------------------------------

DST : 'dst' ;
SRC : 'src' ;

LINK : 'link' | 'ether' | 'ppp' | 'slip' | 'fddi' | 'tr' | 'wlan' ;
ARP : 'arp' ;
RARP : 'rarp' ;
IP : 'ip' ;
SCTP : 'sctp' ;
TCP : 'tcp' ;
UDP : 'udp' ;
ICMP : 'icmp' ;
IGMP : 'igmp' ;
IGRP : 'igrp' ;
PIM : 'pim' ;
VRRP : 'vrrp' ;
CARP : 'carp' ;
RADIO : 'radio' ;

IPV6 : 'ip6' ;
ICMPV6 : 'icmp6' ;
AH : 'ah' ;
ESP : 'esp' ;

ATALK : 'atalk' ;
AARP : 'aarp' ;
DECNET : 'decnet' ;
LAT : 'lat' ;
SCA : 'sca' ;
MOPRC : 'moprc' ;
MOPDL : 'mopdl' ;

ISO : 'iso' ;
ESIS : 'esis' | 'es-is' ;
ISIS : 'isis' | 'is-is' ;
L1 : 'l1' ;
L2 : 'l2' ;
IIH : 'iih' ;
LSP : 'lsp' ;
SNP : 'snp' ;
CSNP : 'csnp' ;
PSNP : 'psnp' ;

CLNP : 'clnp' ;
STP : 'stp' ;
IPX : 'ipx' ;
NETBEUI : 'netbeui' ;

HOST : 'host' ;
NET : 'net' ;
NETMASK : 'mask' ;
PORT : 'port' ;
PORTRANGE : 'portrange' ;
PROTO : 'proto' ;
PROTOCHAIN : 'protochain' ;

GATEWAY : 'gateway' ;

TYPE : 'type' ;
SUBTYPE : 'subtype' ;
DIR : 'direction' | 'dir' ;
ADDR1 : 'address1' | 'addr1' ;
ADDR2 : 'address2' | 'addr2' ;
ADDR3 : 'address3' | 'addr3' ;
ADDR4 : 'address4' | 'addr4' ;
RA : 'ra' ;
TA : 'ta' ;

LESS : 'less' ;
GREATER : 'greater' ;
CBYTE : 'byte' ;
BROADCAST : 'broadcast' ;
MULTICAST : 'multicast' ;

AND : 'and' | '&&' ;
OR : 'or' | '||' ;
NOT : 'not' | '!' ;

LEN : 'len' | 'length' ;
INBOUND : 'inbound' ;
OUTBOUND : 'outbound' ;

IFINDEX : 'ifindex' ;

VLAN : 'vlan' ;
MPLS : 'mpls' ;
PPPOED : 'pppoed' ;
PPPOES : 'pppoes' ;
GENEVE : 'geneve' ;
VXLAN : 'vxlan' ;

LANE : 'lane' ;
LLC : 'llc' ;
METAC : 'metac' ;
BCC : 'bcc' ;
OAM : 'oam' ;
OAMF4 : 'oamf4' ;
OAMF4EC : 'oamf4ec' ;
OAMF4SC : 'oamf4sc' ;
SC : 'sc' ;
ILMIC : 'ilmic' ;
VPI : 'vpi' ;
VCI : 'vci' ;
CONNECTMSG : 'connectmsg' ;
METACONNECT : 'metaconnect' ;

PF_IFNAME : 'on' | 'ifname' ;
PF_RSET : 'rset' | 'ruleset' ;
PF_RNR : 'rnr' | 'rulenum' ;
PF_SRNR : 'srnr' | 'subrulenum' ;
PF_REASON : 'reason' ;
PF_ACTION : 'action' ;

FISU : 'fisu' ;
LSSU : 'lssu' | 'lsu' ;
MSU : 'msu' ;
HFISU : 'hfisu' ;
HLSSU : 'hlssu' ;
HMSU : 'hmsu' ;
SIO : 'sio' ;
OPC : 'opc' ;
DPC : 'dpc' ;
SLS : 'sls' ;
HSIO : 'hsio' ;
HOPC : 'hopc' ;
HDPC : 'hdpc' ;
HSLS : 'hsls' ;

WS : [ \r\n\t] -> skip ;

PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
COLON : ':' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LT : '<' ;
GT : '>' ;
LPAREN : '(' ;
RPAREN : ')' ;
AMP : '&' ;
PIPE : '|' ;
CARET : '^' ;
EQ : '=' | '==' ;
GEQ : '>=' ;
LEQ : '<=' ;
NEQ : '!=' ;
LSH : '<<' ;
RSH : '>>' ;

/** An 8-bit link address (ARCnet, MS/TP): '$' and one or two hex digits. */
AID : '$' B ;

/** A MAC-48 address: six 1-2 digit groups separated by ':', '-' or '.', three 4-digit groups, or 12 digits. */
EID
    : B ':' B ':' B ':' B ':' B ':' B
    | B '-' B '-' B '-' B '-' B '-' B
    | B '.' B '.' B '.' B '.' B '.' B
    | B2 '.' B2 '.' B2
    | B2 B2 B2
    ;

/** Decimal, 0x hexadecimal or leading-zero octal; the frontend converts it as stoulen() does. */
NUM : N ;

/** An IPv4 address or short form of 2-4 parts (one part is a NUM). */
HID
    : N '.' N
    | N '.' N '.' N
    | N '.' N '.' N '.' N
    ;

/** Every RFC 4291 textual form; the frontend validates it as inet_pton() does. */
HID6
    : W ':' W ':' W ':' W ':' W ':' W ':' W ':' W
    | '::' W ':' W ':' W ':' W ':' W ':' W ':' W
    | W '::' W ':' W ':' W ':' W ':' W ':' W
    | W ':' W '::' W ':' W ':' W ':' W ':' W
    | W ':' W ':' W '::' W ':' W ':' W ':' W
    | W ':' W ':' W ':' W '::' W ':' W ':' W
    | W ':' W ':' W ':' W ':' W '::' W ':' W
    | W ':' W ':' W ':' W ':' W ':' W '::' W
    | W ':' W ':' W ':' W ':' W ':' W ':' W '::'
    | '::' W ':' W ':' W ':' W ':' W ':' W
    | W '::' W ':' W ':' W ':' W ':' W
    | W ':' W '::' W ':' W ':' W ':' W
    | W ':' W ':' W '::' W ':' W ':' W
    | W ':' W ':' W ':' W '::' W ':' W
    | W ':' W ':' W ':' W ':' W '::' W
    | W ':' W ':' W ':' W ':' W ':' W '::'
    | '::' W ':' W ':' W ':' W ':' W
    | W '::' W ':' W ':' W ':' W
    | W ':' W '::' W ':' W ':' W
    | W ':' W ':' W '::' W ':' W
    | W ':' W ':' W ':' W '::' W
    | W ':' W ':' W ':' W ':' W '::'
    | '::' W ':' W ':' W ':' W
    | W '::' W ':' W ':' W
    | W ':' W '::' W ':' W
    | W ':' W ':' W '::' W
    | W ':' W ':' W ':' W '::'
    | '::' W ':' W ':' W
    | W '::' W ':' W
    | W ':' W '::' W
    | W ':' W ':' W '::'
    | '::' W ':' W
    | W '::' W
    | W ':' W '::'
    | '::' W
    | W '::'
    | '::'
    | W ':' W ':' W ':' W ':' W ':' W ':' V4
    | '::' W ':' W ':' W ':' W ':' W ':' V4
    | W '::' W ':' W ':' W ':' W ':' V4
    | W ':' W '::' W ':' W ':' W ':' V4
    | W ':' W ':' W '::' W ':' W ':' V4
    | W ':' W ':' W ':' W '::' W ':' V4
    | W ':' W ':' W ':' W ':' W '::' V4
    | '::' W ':' W ':' W ':' W ':' V4
    | W '::' W ':' W ':' W ':' V4
    | W ':' W '::' W ':' W ':' V4
    | W ':' W ':' W '::' W ':' V4
    | W ':' W ':' W ':' W '::' V4
    | '::' W ':' W ':' W ':' V4
    | W '::' W ':' W ':' V4
    | W ':' W '::' W ':' V4
    | W ':' W ':' W '::' V4
    | '::' W ':' W ':' V4
    | W '::' W ':' V4
    | W ':' W '::' V4
    | '::' W ':' V4
    | W '::' V4
    | '::' V4
    ;

/** Colon groups of 1-2 hex digits that are no MAC-48 address: "invalid Ethernet address %s". */
BAD_EID : B ':'+ (B ':'+)+ ;

ICMPTYPE : 'icmptype' -> type(NUM) ;
ICMPCODE : 'icmpcode' -> type(NUM) ;
ICMP_ECHOREPLY : 'icmp-echoreply' -> type(NUM) ;
ICMP_UNREACH : 'icmp-unreach' -> type(NUM) ;
ICMP_SOURCEQUENCH : 'icmp-sourcequench' -> type(NUM) ;
ICMP_REDIRECT : 'icmp-redirect' -> type(NUM) ;
ICMP_ECHO : 'icmp-echo' -> type(NUM) ;
ICMP_ROUTERADVERT : 'icmp-routeradvert' -> type(NUM) ;
ICMP_ROUTERSOLICIT : 'icmp-routersolicit' -> type(NUM) ;
ICMP_TIMXCEED : 'icmp-timxceed' -> type(NUM) ;
ICMP_PARAMPROB : 'icmp-paramprob' -> type(NUM) ;
ICMP_TSTAMP : 'icmp-tstamp' -> type(NUM) ;
ICMP_TSTAMPREPLY : 'icmp-tstampreply' -> type(NUM) ;
ICMP_IREQ : 'icmp-ireq' -> type(NUM) ;
ICMP_IREQREPLY : 'icmp-ireqreply' -> type(NUM) ;
ICMP_MASKREQ : 'icmp-maskreq' -> type(NUM) ;
ICMP_MASKREPLY : 'icmp-maskreply' -> type(NUM) ;

ICMP6TYPE : 'icmp6type' -> type(NUM) ;
ICMP6CODE : 'icmp6code' -> type(NUM) ;

ICMP6_DESTINATIONUNREACH : 'icmp6-destinationunreach' -> type(NUM) ;
ICMP6_PACKETTOOBIG : 'icmp6-packettoobig' -> type(NUM) ;
ICMP6_TIMEEXCEEDED : 'icmp6-timeexceeded' -> type(NUM) ;
ICMP6_PARAMETERPROBLEM : 'icmp6-parameterproblem' -> type(NUM) ;
ICMP6_ECHO : 'icmp6-echo' -> type(NUM) ;
ICMP6_ECHOREPLY : 'icmp6-echoreply' -> type(NUM) ;
ICMP6_MULTICASTLISTENERQUERY : 'icmp6-multicastlistenerquery' -> type(NUM) ;
ICMP6_MULTICASTLISTENERREPORTV1 : 'icmp6-multicastlistenerreportv1' -> type(NUM) ;
ICMP6_MULTICASTLISTENERDONE : 'icmp6-multicastlistenerdone' -> type(NUM) ;
ICMP6_ROUTERSOLICIT : 'icmp6-routersolicit' -> type(NUM) ;
ICMP6_ROUTERADVERT : 'icmp6-routeradvert' -> type(NUM) ;
ICMP6_NEIGHBORSOLICIT : 'icmp6-neighborsolicit' -> type(NUM) ;
ICMP6_NEIGHBORADVERT : 'icmp6-neighboradvert' -> type(NUM) ;
ICMP6_REDIRECT : 'icmp6-redirect' -> type(NUM) ;
ICMP6_ROUTERRENUM : 'icmp6-routerrenum' -> type(NUM) ;
ICMP6_NODEINFORMATIONQUERY : 'icmp6-nodeinformationquery' -> type(NUM) ;
ICMP6_NODEINFORMATIONRESPONSE : 'icmp6-nodeinformationresponse' -> type(NUM) ;
ICMP6_INEIGHBORDISCOVERYSOLICIT : 'icmp6-ineighbordiscoverysolicit' -> type(NUM) ;
ICMP6_INEIGHBORDISCOVERYADVERT : 'icmp6-ineighbordiscoveryadvert' -> type(NUM) ;
ICMP6_MULTICASTLISTENERREPORTV2 : 'icmp6-multicastlistenerreportv2' -> type(NUM) ;
ICMP6_HOMEAGENTDISCOVERYREQUEST : 'icmp6-homeagentdiscoveryrequest' -> type(NUM) ;
ICMP6_HOMEAGENTDISCOVERYREPLY : 'icmp6-homeagentdiscoveryreply' -> type(NUM) ;
ICMP6_MOBILEPREFIXSOLICIT : 'icmp6-mobileprefixsolicit' -> type(NUM) ;
ICMP6_MOBILEPREFIXADVERT : 'icmp6-mobileprefixadvert' -> type(NUM) ;
ICMP6_CERTPATHSOLICIT : 'icmp6-certpathsolicit' -> type(NUM) ;
ICMP6_CERTPATHADVERT : 'icmp6-certpathadvert' -> type(NUM) ;
ICMP6_MULTICASTROUTERADVERT : 'icmp6-multicastrouteradvert' -> type(NUM) ;
ICMP6_MULTICASTROUTERSOLICIT : 'icmp6-multicastroutersolicit' -> type(NUM) ;
ICMP6_MULTICASTROUTERTERM : 'icmp6-multicastrouterterm' -> type(NUM) ;

TCPFLAGS : 'tcpflags' -> type(NUM) ;
TCP_FIN : 'tcp-fin' -> type(NUM) ;
TCP_SYN : 'tcp-syn' -> type(NUM) ;
TCP_RST : 'tcp-rst' -> type(NUM) ;
TCP_PUSH : 'tcp-push' -> type(NUM) ;
TCP_ACK : 'tcp-ack' -> type(NUM) ;
TCP_URG : 'tcp-urg' -> type(NUM) ;
TCP_ECE : 'tcp-ece' -> type(NUM) ;
TCP_CWR : 'tcp-cwr' -> type(NUM) ;

/** A name: hosts, networks, ports, protocols and the 802.11/LLC/PF sub-names. */
ID : [A-Za-z0-9] ([-_.A-Za-z0-9]* [.A-Za-z0-9])? ;

/** "\word" forces an ID even when word is a keyword; the frontend drops the backslash. */
ESCAPED_ID : '\\' ~[ !()\n\t]+ -> type(ID) ;

/** Any other character: libpcap's LEX_ERROR, reported as a syntax error. */
ERROR_CHAR : . ;

fragment N : [0-9]+ | '0' [Xx] HEXDIGIT+ ;
fragment B : HEXDIGIT HEXDIGIT? ;
fragment B2 : HEXDIGIT HEXDIGIT HEXDIGIT HEXDIGIT ;
fragment W : HEXDIGIT HEXDIGIT? HEXDIGIT? HEXDIGIT? ;
fragment V4 : N '.' N '.' N '.' N ;
fragment HEXDIGIT : [0-9A-Fa-f] ;
