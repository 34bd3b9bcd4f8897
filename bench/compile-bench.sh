#!/usr/bin/env bash
# Compile time of jfilter and of libpcap's pcap_compile on the same expressions (JMH, one JVM; libpcap through the
# FFM API), printed as a Markdown table. See BENCHMARKS.md.
#
#   bench/compile-bench.sh                 typical filters (both compilers) + 1000-host/1000-port (jfilter only)
#   bench/compile-bench.sh --slow-libpcap  also libpcap on 1000-host/1000-port (about 125 s and 500 s more)
#   bench/compile-bench.sh --quick         a smoke run: short iterations, typical filters only
#   bench/compile-bench.sh --no-build      use the jars already in bench/target
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/scripts/find-jdk25.sh"
find_jdk25 || exit 2

slow=0 quick=0 build=1
for arg in "$@"; do
  case $arg in
    --slow-libpcap) slow=1 ;;
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    *) echo "usage: $0 [--slow-libpcap] [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done

if ((build)); then
  echo "building bench (./mvnw -B -q -pl bench -am package -DskipTests)..." >&2
  (cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests ${MVN_FLAGS:-}) >&2
fi

cd "$root/bench"   # the benchmark writes its instruction counts to target/bench-counts, relative to here
results=target/bench-results
rm -rf "$results" target/bench-counts
mkdir -p "$results"
cp="target/bench-0.1.0-SNAPSHOT.jar:target/lib/*"
jmh() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main "$@" >&2; }

if ((quick)); then
  jmh 'CompileBenchmark' -bm avgt -tu us -f 1 -wi 1 -w 300ms -i 2 -r 300ms -rf csv -rff "$results/typical.csv"
else
  # Typical filters: average time over 1 s iterations, after 10 s of warm-up (jfilter's optimizer needs that much JIT).
  jmh 'CompileBenchmark' -bm avgt -tu us -f 1 -wi 5 -w 2s -i 5 -r 1s -rf csv -rff "$results/typical.csv"
  # 1000 hosts / 1000 ports: one compile an iteration.
  jmh 'CompileBenchmark\.jfilter$' -p filter=hosts-1000,ports-1000 -bm ss -tu us -f 1 -wi 1 -i 3 \
    -rf csv -rff "$results/large-jfilter.csv"
  if ((slow)); then
    jmh 'CompileBenchmark\.libpcap$' -p filter=hosts-1000,ports-1000 -bm ss -tu us -f 1 -wi 0 -i 1 \
      -rf csv -rff "$results/large-libpcap.csv"
  fi
fi

"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.jfilter.bench.BenchTable \
  target/bench-counts "$results"/*.csv
