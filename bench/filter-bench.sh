#!/usr/bin/env bash
# End to end: `jfilter filter -r FILE -w OUT EXPR` against `tcpdump -r FILE -w OUT EXPR` on the same generated
# captures, JVM start-up and compilation included, printed as a Markdown table. See BENCHMARKS.md.
#
#   bench/filter-bench.sh            1 GiB of 400-800-byte frames, 512 MiB of 60-150-byte frames, and the 1 GiB file
#                                    five times in one run; 7 runs each
#   bench/filter-bench.sh --quick    64 MiB files, 3 runs each (a smoke run)
#   bench/filter-bench.sh --runs N   N runs of each command (the median is reported)
#
# The captures are generated once into bench/target/e2e (bench's LargeCapture, fixed seeds) and read once before
# timing, so both tools read from the page cache. Each run of one tool is followed by a run of the other; every
# output of jfilter is compared byte for byte with tcpdump's.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/scripts/find-jdk25.sh"
find_jdk25 || exit 2

runs=7 quick=0
while (($#)); do
  case $1 in
    --quick) quick=1 runs=3 ;;
    --runs) runs=$2; shift ;;
    *) echo "usage: $0 [--quick] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done
command -v tcpdump >/dev/null || { echo "filter-bench: tcpdump is not installed (apt install tcpdump)" >&2; exit 2; }

echo "building jfilter and bench..." >&2
"$root/jfilter" --version >/dev/null
(cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests ${MVN_FLAGS:-}) >&2

dir=$root/bench/target/e2e
mkdir -p "$dir"
cp="$root/bench/target/bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*"
if ((quick)); then big=$((64 << 20)) small=$((64 << 20)); else big=$((1 << 30)) small=$((512 << 20)); fi
generate() { # NAME BYTES MIN MAX SEED
  local file=$dir/$1.pcap
  if [[ ! -f $file || $(stat -c %s "$file") -lt $2 ]]; then
    echo "generating $file..." >&2
    "$JAVA_HOME/bin/java" -cp "$cp" dev.jfilter.bench.LargeCapture "$file" "$2" "$3" "$4" "$5" >/dev/null
  fi
  cat "$file" >/dev/null
  echo "$file"
}
frames=$(generate "frames-400-800-$big" "$big" 400 800 1)
small=$(generate "frames-60-150-$small" "$small" 60 150 2)

filters=(
  "tcp port 443 and host 10.1.2.3"
  "udp port 53 or (tcp and (port 80 or port 443 or port 8080))"
  "net 192.168.2.0/24 and not port 22"
  "tcp"
)

seconds() { # prints the wall time of a command in seconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "filter-bench: failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN {printf "%.3f\n", ns / 1e9}'
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

out=$dir/out
echo "| capture | packets | filter | matches | tcpdump (s) | jfilter (s) | jfilter's throughput / tcpdump's |"
echo "|---|---:|---|---:|---:|---:|---:|"
for file in "$frames" "$small"; do
  packets=$("$root/jfilter" filter --count -r "$file")
  for expr in "${filters[@]}"; do
    t=() j=()
    for ((i = 0; i < runs; i++)); do
      t+=("$(seconds tcpdump -r "$file" -w "$out-tcpdump.pcap" "$expr")")
      j+=("$(seconds "$root/jfilter" filter -r "$file" -w "$out-jfilter.pcap" "$expr")")
    done
    cmp -s "$out-tcpdump.pcap" "$out-jfilter.pcap" ||
      { echo "filter-bench: jfilter's output differs from tcpdump's for '$expr' on $file" >&2; exit 1; }
    matches=$("$root/jfilter" filter --count -r "$file" "$expr")
    tm=$(median "${t[@]}") jm=$(median "${j[@]}")
    echo "| $(basename "$file") ($(($(stat -c %s "$file") >> 20)) MiB) | $packets | \`$expr\` | $matches | $tm | $jm |" \
      "$(awk -v t="$tm" -v j="$jm" 'BEGIN {printf "%.2f", t / j}')x |"
  done
done
# Five times the 1 GiB file in one run (tcpdump -V reads a list of files): start-up and warm-up spread over 5 GiB,
# closer to each tool's steady throughput.
list=$dir/five.list
printf '%s\n' "$frames" "$frames" "$frames" "$frames" "$frames" >"$list"
five=(-r "$frames" -r "$frames" -r "$frames" -r "$frames" -r "$frames")
packets=$("$root/jfilter" filter --count "${five[@]}")
for expr in "${filters[0]}" "${filters[3]}"; do
  t=() j=()
  for ((i = 0; i < runs; i++)); do
    t+=("$(seconds tcpdump -V "$list" -w "$out-tcpdump.pcap" "$expr")")
    j+=("$(seconds "$root/jfilter" filter "${five[@]}" -w "$out-jfilter.pcap" "$expr")")
  done
  cmp -s "$out-tcpdump.pcap" "$out-jfilter.pcap" ||
    { echo "filter-bench: jfilter's output differs from tcpdump's for '$expr' on 5 x $frames" >&2; exit 1; }
  matches=$("$root/jfilter" filter --count "${five[@]}" "$expr")
  tm=$(median "${t[@]}") jm=$(median "${j[@]}")
  echo "| 5 x $(basename "$frames") ($((5 * ($(stat -c %s "$frames") >> 20))) MiB) | $packets | \`$expr\` | $matches |" \
    "$tm | $jm | $(awk -v t="$tm" -v j="$jm" 'BEGIN {printf "%.2f", t / j}')x |"
done
rm -f "$out-tcpdump.pcap" "$out-jfilter.pcap" "$list"
