#!/usr/bin/env bash
# Time per packet of jfilter's JIT and interpreter (JMH) and of libpcap's bpf_filter() (a C harness linking the
# system's libpcap) on the same packets, with libpcap's program and with jfilter's. Checks that all four accept the
# same packets (fails if not) and prints a Markdown table. See BENCHMARKS.md.
#
#   bench/packet-bench.sh              the full run (about 6 minutes, a minute of it libpcap compiling hosts-1000)
#   bench/packet-bench.sh --quick      short iterations and fewer repetitions (about 3 minutes)
#   bench/packet-bench.sh --no-build   use the jars already in bench/target
#
# Needs a JDK 25, a C compiler (cc) and libpcap's headers and library (Debian: gcc libpcap-dev).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/scripts/find-jdk25.sh"
find_jdk25 || exit 2

quick=0 build=1
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    *) echo "usage: $0 [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done

if ! command -v cc >/dev/null; then
  echo "packet-bench: no C compiler ('cc') to build the bpf_filter harness; install one (Debian: apt-get install gcc)" >&2
  exit 2
fi
if [[ ! -f /usr/include/pcap/pcap.h ]]; then
  echo "packet-bench: no libpcap headers (/usr/include/pcap/pcap.h); install them (Debian: apt-get install libpcap-dev)" >&2
  exit 2
fi

if ((build)); then
  echo "building bench (./mvnw -B -q -pl bench -am package -DskipTests)..." >&2
  (cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests ${MVN_FLAGS:-}) >&2
fi

cd "$root/bench"   # PacketBenchmark writes its trial records to target/packet-bench/engines, relative to here
out=target/packet-bench
rm -rf "$out"
mkdir -p "$out/bpf"
cp="target/bench-0.1.0-SNAPSHOT.jar:target/lib/*"
java() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" "$@"; }

echo "compiling the bpf_filter harness (cc -O2 ... -lpcap)..." >&2
cc -std=c11 -O2 -Wall -Wextra -o target/bpf_filter_bench native/bpf_filter_bench.c -lpcap

# The capture, the expressions, and jfilter's programs in tcpdump -ddd format.
java dev.jfilter.bench.PacketBenchFiles "$out" >&2

if ((quick)); then
  jmh_opts=(-f 1 -wi 2 -w 500ms -i 3 -r 500ms)
  harness_opts=(--reps 5 --rep-ms 50 --warmup-ms 100)
else
  jmh_opts=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  harness_opts=(--reps 15 --rep-ms 100 --warmup-ms 300)
fi

# libpcap's bpf_filter(), with its own program (pcap_compile, as tcpdump) and with jfilter's.
while read -r name; do
  [[ -n $name ]] || continue
  if [[ $name == hosts-1000 ]]; then
    echo "bpf_filter: $name (libpcap's pcap_compile takes about a minute on it)..." >&2
  else
    echo "bpf_filter: $name..." >&2
  fi
  target/bpf_filter_bench "$out/packets.pcap" --compile "$out/filters/$name.expr" "${harness_opts[@]}" \
    > "$out/bpf/$name.libpcap"
  target/bpf_filter_bench "$out/packets.pcap" --program "$out/filters/$name.ddd" "${harness_opts[@]}" \
    > "$out/bpf/$name.jfilter"
done < "$out/filters/names"

# jfilter's JIT and interpreter: every filter on both engines, one fork each.
java org.openjdk.jmh.Main 'PacketBenchmark' -bm avgt -tu ns "${jmh_opts[@]}" \
  -rf csv -rff "$out/jmh.csv" >&2

# Checks that the four engines accept the same packets (exit status 1 if not), then prints the table.
if ! java dev.jfilter.bench.PacketTable "$out"; then
  echo "packet-bench: FAILED: the engines do not accept the same packets, or a part did not run (see above;" \
    "the raw results are in bench/$out)" >&2
  exit 1
fi
