/*
 * bpf_filter_bench: the time libpcap's bpf_filter() takes per packet, for jfilter's per-packet benchmark
 * (bench/packet-bench.sh, BENCHMARKS.md). Links the system's libpcap (-lpcap).
 *
 *   bpf_filter_bench PCAP (--compile EXPR_FILE | --program DDD_FILE) [--reps N] [--rep-ms MS] [--warmup-ms MS]
 *
 * Reads the capture PCAP (pcap_open_offline) into one cache-aligned buffer, each packet at the offset it has in the
 * file, as jfilter's PacketSet lays it out. The program is either libpcap's own, compiled from the expression in
 * EXPR_FILE as tcpdump compiles it (pcap_compile on a dead DLT_EN10MB handle, snapshot length 262144, optimizer on,
 * PCAP_NETMASK_UNKNOWN), or read from DDD_FILE in `tcpdump -ddd` format (jfilter's program) and checked with
 * bpf_validate(). It runs the program over all packets for --warmup-ms, then times N repetitions (clock_gettime,
 * CLOCK_MONOTONIC) of as many rounds over all packets as fill --rep-ms, and prints key=value lines: the program's
 * length, the packet and match counts, and the median and fastest ns per packet.
 */
/* clock_gettime, and the BSD types (u_int, u_char) pcap.h uses. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SNAPLEN 262144
#define ALIGNMENT 64
#define FILE_HEADER 24
#define RECORD_HEADER 16

struct packets {
    unsigned char *buffer;
    size_t *offsets;
    unsigned *captured;
    unsigned *wire_lengths;
    size_t count;
    size_t bytes;
};

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bpf_filter_bench: %s: %s\n", what, why);
    exit(1);
}

static void *allocate(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        die("malloc", strerror(errno));
    }
    return p;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        die(path, strerror(errno));
    }
    size_t cap = 4096, len = 0;
    char *text = allocate(cap);
    size_t got;
    while ((got = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            cap *= 2;
            text = realloc(text, cap);
            if (!text) {
                die("realloc", strerror(errno));
            }
        }
    }
    if (ferror(f)) {
        die(path, "read error");
    }
    fclose(f);
    text[len] = '\0';
    return text;
}

/* Every packet of the capture, copied to the offset it has in the file (after the 24-byte file header and each
 * record's 16-byte header), so that both benchmarks read the same layout. */
static struct packets read_packets(const char *path)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(path, errbuf);
    if (!p) {
        die(path, errbuf);
    }
    if (pcap_datalink(p) != DLT_EN10MB) {
        die(path, "not an Ethernet capture");
    }
    struct packets set = {0};
    size_t cap = 1024, buffer_cap = 1 << 20;
    set.offsets = allocate(cap * sizeof *set.offsets);
    set.captured = allocate(cap * sizeof *set.captured);
    set.wire_lengths = allocate(cap * sizeof *set.wire_lengths);
    unsigned char *staging = allocate(buffer_cap);
    size_t at = FILE_HEADER;
    struct pcap_pkthdr *header;
    const u_char *data;
    int rc;
    while ((rc = pcap_next_ex(p, &header, &data)) == 1) {
        if (set.count == cap) {
            cap *= 2;
            set.offsets = realloc(set.offsets, cap * sizeof *set.offsets);
            set.captured = realloc(set.captured, cap * sizeof *set.captured);
            set.wire_lengths = realloc(set.wire_lengths, cap * sizeof *set.wire_lengths);
            if (!set.offsets || !set.captured || !set.wire_lengths) {
                die("realloc", strerror(errno));
            }
        }
        size_t start = at + RECORD_HEADER;
        while (start + header->caplen > buffer_cap) {
            buffer_cap *= 2;
            staging = realloc(staging, buffer_cap);
            if (!staging) {
                die("realloc", strerror(errno));
            }
        }
        memset(staging + at, 0, RECORD_HEADER);
        memcpy(staging + start, data, header->caplen);
        set.offsets[set.count] = start;
        set.captured[set.count] = header->caplen;
        set.wire_lengths[set.count] = header->len;
        set.count++;
        at = start + header->caplen;
    }
    if (rc == PCAP_ERROR) {
        die(path, pcap_geterr(p));
    }
    pcap_close(p);
    set.bytes = at;
    size_t aligned = (at + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    set.buffer = aligned_alloc(ALIGNMENT, aligned);
    if (!set.buffer) {
        die("aligned_alloc", strerror(errno));
    }
    memset(set.buffer, 0, aligned);
    memcpy(set.buffer + FILE_HEADER, staging + FILE_HEADER, at - FILE_HEADER);
    free(staging);
    return set;
}

/* libpcap's program for the expression in path, as tcpdump compiles it. */
static struct bpf_program compile_expression(const char *path)
{
    char *expression = read_text(path);
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, SNAPLEN);
    if (!dead) {
        die("pcap_open_dead", "failed");
    }
    struct bpf_program program;
    if (pcap_compile(dead, &program, expression, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        die("pcap_compile", pcap_geterr(dead));
    }
    pcap_close(dead);
    free(expression);
    return program;
}

/* A program in `tcpdump -ddd` format: the instruction count, then "code jt jf k" in decimal, one line each. */
static struct bpf_program read_program(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        die(path, strerror(errno));
    }
    unsigned count;
    if (fscanf(f, "%u", &count) != 1 || count == 0 || count > (1u << 20)) {
        die(path, "no instruction count on the first line");
    }
    struct bpf_insn *insns = allocate(count * sizeof *insns);
    for (unsigned i = 0; i < count; i++) {
        unsigned code, jt, jf, k;
        if (fscanf(f, "%u %u %u %u", &code, &jt, &jf, &k) != 4 || code > 0xffff || jt > 0xff || jf > 0xff) {
            die(path, "an instruction line is not \"code jt jf k\"");
        }
        insns[i] = (struct bpf_insn) {.code = (u_short) code, .jt = (u_char) jt, .jf = (u_char) jf, .k = k};
    }
    fclose(f);
    if (!bpf_validate(insns, (int) count)) {
        die(path, "bpf_validate rejects the program");
    }
    return (struct bpf_program) {.bf_len = count, .bf_insns = insns};
}

static unsigned run_round(const struct bpf_program *program, const struct packets *set)
{
    unsigned matches = 0;
    for (size_t i = 0; i < set->count; i++) {
        if (bpf_filter(program->bf_insns, set->buffer + set->offsets[i], set->wire_lengths[i], set->captured[i])) {
            matches++;
        }
    }
    return matches;
}

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000 + t.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static long parse_positive(const char *option, const char *value)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || v <= 0) {
        die(option, "needs a positive integer");
    }
    return v;
}

static void usage(void)
{
    fprintf(stderr, "usage: bpf_filter_bench PCAP (--compile EXPR_FILE | --program DDD_FILE) "
                    "[--reps N] [--rep-ms MS] [--warmup-ms MS]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *pcap_path = NULL, *expr_path = NULL, *ddd_path = NULL;
    long reps = 15, rep_ms = 100, warmup_ms = 300;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--compile") == 0 && i + 1 < argc) {
            expr_path = argv[++i];
        } else if (strcmp(a, "--program") == 0 && i + 1 < argc) {
            ddd_path = argv[++i];
        } else if (strcmp(a, "--reps") == 0 && i + 1 < argc) {
            reps = parse_positive(a, argv[++i]);
        } else if (strcmp(a, "--rep-ms") == 0 && i + 1 < argc) {
            rep_ms = parse_positive(a, argv[++i]);
        } else if (strcmp(a, "--warmup-ms") == 0 && i + 1 < argc) {
            warmup_ms = parse_positive(a, argv[++i]);
        } else if (a[0] != '-' && !pcap_path) {
            pcap_path = a;
        } else {
            usage();
        }
    }
    if (!pcap_path || (expr_path == NULL) == (ddd_path == NULL)) {
        usage();
    }

    struct packets set = read_packets(pcap_path);
    if (set.count == 0) {
        die(pcap_path, "no packets");
    }
    struct bpf_program program = expr_path ? compile_expression(expr_path) : read_program(ddd_path);

    /* Warm-up (caches, branch predictors, CPU frequency), which also measures a round to size the repetitions. */
    unsigned matches = run_round(&program, &set);
    int64_t start = now_ns(), elapsed;
    long rounds = 0;
    do {
        if (run_round(&program, &set) != matches) {
            die("bpf_filter", "the match count changed between rounds");
        }
        rounds++;
        elapsed = now_ns() - start;
    } while (elapsed < warmup_ms * 1000000);
    long rounds_per_rep = (long) ((double) rounds * rep_ms * 1000000 / (double) elapsed);
    if (rounds_per_rep < 1) {
        rounds_per_rep = 1;
    }

    double *per_packet = allocate((size_t) reps * sizeof *per_packet);
    volatile unsigned sink = 0;
    for (long r = 0; r < reps; r++) {
        unsigned total = 0;
        int64_t t0 = now_ns();
        for (long i = 0; i < rounds_per_rep; i++) {
            total += run_round(&program, &set);
        }
        int64_t t1 = now_ns();
        if (total != matches * (unsigned) rounds_per_rep) {
            die("bpf_filter", "the match count changed between rounds");
        }
        sink += total;
        per_packet[r] = (double) (t1 - t0) / ((double) rounds_per_rep * (double) set.count);
    }
    (void) sink;
    qsort(per_packet, (size_t) reps, sizeof *per_packet, compare_doubles);
    double median = reps % 2 ? per_packet[reps / 2] : (per_packet[reps / 2 - 1] + per_packet[reps / 2]) / 2;

    printf("program=%s\n", expr_path ? "libpcap" : "file");
    printf("libpcap=%s\n", pcap_lib_version());
    printf("instructions=%u\n", program.bf_len);
    printf("packets=%zu\n", set.count);
    printf("buffer_bytes=%zu\n", set.bytes);
    printf("matches=%u\n", matches);
    printf("reps=%ld\n", reps);
    printf("rounds_per_rep=%ld\n", rounds_per_rep);
    printf("ns_per_packet_median=%.3f\n", median);
    printf("ns_per_packet_min=%.3f\n", per_packet[0]);
    free(per_packet);
    if (expr_path) {
        pcap_freecode(&program);
    } else {
        free(program.bf_insns);
    }
    free(set.buffer);
    free(set.offsets);
    free(set.captured);
    free(set.wire_lengths);
    return 0;
}
