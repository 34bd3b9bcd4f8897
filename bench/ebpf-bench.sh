#!/usr/bin/env bash
# Per-packet cost in the kernel (BPF_PROG_TEST_RUN's duration) of jfilter's eBPF against the eBPF the same generator
# makes from libpcap's program (tcpdump -ddd, lifted: what --from-cbpf does), for socket filters, tc and XDP, with
# instruction counts and the verifier's processed-instruction counts. Checks that both programs return the same value
# on every benchmark packet (fails if not) and prints Markdown tables. See BENCHMARKS.md, "eBPF (issue 6)".
#
#   bench/ebpf-bench.sh                 repeat 100000, 7 rounds, every 8th packet (256): about 5 minutes
#   bench/ebpf-bench.sh --quick         repeat 10000, 3 rounds, every 32nd packet: under a minute
#   bench/ebpf-bench.sh --no-build      use the jars already in bench/target
#   bench/ebpf-bench.sh -- ARGS...      pass ARGS to EbpfBenchmark (--repeat N --rounds N --stride N --out DIR)
#
# Needs root (or CAP_BPF + CAP_NET_ADMIN), a JDK 25 and tcpdump.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/scripts/find-jdk25.sh"
find_jdk25 || exit 2

build=1 args=()
while (($#)); do
  case $1 in
    --quick) args+=(--repeat 10000 --rounds 3 --stride 32) ;;
    --no-build) build=0 ;;
    --) shift; args+=("$@"); break ;;
    *) echo "usage: $0 [--quick] [--no-build] [-- EbpfBenchmark options]" >&2; exit 2 ;;
  esac
  shift
done
command -v tcpdump >/dev/null || { echo "ebpf-bench: tcpdump is not installed (apt install tcpdump)" >&2; exit 2; }
if ((EUID != 0)); then
  echo "ebpf-bench: loading eBPF programs needs root (or CAP_BPF and CAP_NET_ADMIN); trying anyway" >&2
fi

if ((build)); then
  echo "building bench (./mvnw -B -q -pl bench -am package -DskipTests)..." >&2
  (cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests ${MVN_FLAGS:-}) >&2
fi

cd "$root/bench"   # the listings and per-round means go to target/ebpf-bench, relative to here
rm -rf target/ebpf-bench
echo "machine: $(nproc) cores, $(uname -sr), bpf_jit_enable=$(cat /proc/sys/net/core/bpf_jit_enable 2>/dev/null || echo '?')," \
  "$(tcpdump --version 2>&1 | head -2 | tr '\n' ' ')" >&2
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/bench-0.1.0-SNAPSHOT.jar:target/lib/*" \
  dev.jfilter.bench.EbpfBenchmark ${args[@]+"${args[@]}"}
