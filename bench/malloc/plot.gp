# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/malloc/plot.gp: the allocator benchmark's picture -- grouped bars per program,
# one bar per allocator; top: median wall time over the fastest peer's, bottom: median
# peak RSS over glibc's. A dashed line parts the stress programs (first) from the real
# ones. Called by run.sh with datafile, output, n (allocators) and nstress (how many of
# the programs are stress programs).
set terminal pngcairo size 1400,900 font "sans,11"
set output output
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key outside right top vertical
set xtics nomirror
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
if (nstress > 0) {
	set arrow 2 from first nstress - 0.5, graph 0 to first nstress - 0.5, graph 1 nohead lc "gray40" dt 3
	set label 1 "stress programs" at first -0.4, graph 0.95 left
	set label 2 "real programs" at first nstress - 0.4, graph 0.95 left
}
set multiplot layout 2,1 title "Allocators on the stress programs and real programs (median of runs)"
set title "wall time / fastest peer (lower is better; 1 = fastest of glibc, jemalloc, mimalloc, tcmalloc)"
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc "black" dt 2 front
plot for [i=2:n+1] datafile using i:xtic(1) title columnheader(i)[6:]
set title "peak RSS / glibc (lower is better)"
plot for [i=n+2:2*n+1] datafile using i:xtic(1) title columnheader(i)[5:]
unset multiplot
