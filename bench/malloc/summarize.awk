# SPDX-License-Identifier: LGPL-2.1-or-later
# bench/malloc/summarize.awk: turns run.sh's runs.tsv (program, kind, allocator,
# repeat, wall seconds, peak RSS KiB, outcome, CPU seconds) into the result table
# (markdown, to `table`) and the plot's data (to `plotdata`). Medians (time, CPU time,
# RSS) count successful runs only; the spread is (slowest - fastest) / median time; the
# peers are every allocator but ukmem; `order` names the allocators in column order;
# `header` (the machine and the allocators' paths) heads the table.
# Targets: real programs -- ukmem time <= 1.05 x the fastest peer and peak
# RSS <= 1.10 x glibc's; stress programs -- ukmem time <= the median peer's. The time
# targets are judged on wall time, and also shown on CPU time (user + system), which a
# busy shared machine disturbs less.
BEGIN {
	FS = "\t"
	nalloc = split(order, allocs, " ")
	nprog = 0
}

{
	prog = $1; alloc = $3; key = prog SUBSEP alloc
	if (!(prog in kind)) {
		progs[++nprog] = prog
		kind[prog] = $2
	}
	runs[key]++
	if ($7 == "ok") {
		n = ++good[key]
		walls[key, n] = $5
		rsss[key, n] = $6
		cpus[key, n] = $8
	} else {
		bad[key] = $7
	}
}

# Median of the n values v[key, 1..n].
function median(v, key, n,    i, j, t, s) {
	for (i = 1; i <= n; i++)
		s[i] = v[key, i] + 0
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && s[j - 1] > s[j]; j--) {
			t = s[j]; s[j] = s[j - 1]; s[j - 1] = t
		}
	return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
}

# The largest (sign 1) or smallest (sign -1) of v[key, 1..n].
function extreme(v, key, n, sign,    i, best) {
	best = v[key, 1] + 0
	for (i = 2; i <= n; i++)
		if ((v[key, i] - best) * sign > 0)
			best = v[key, i] + 0
	return best
}

function median_of_list(list, n,    i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && list[j - 1] > list[j]; j--) {
			t = list[j]; list[j] = list[j - 1]; list[j - 1] = t
		}
	return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
}

# "failed in 2 of 5 runs": the last bad outcome of key's runs and how many were bad.
function bad_runs(key) {
	return sprintf("%s in %d of %d runs", bad[key] == "differs" ? "output differs" : bad[key],
		       runs[key] - good[key], runs[key])
}

function yesno(ok) { return ok ? "yes" : "**no**" }

END {
	for (p = 1; p <= nprog; p++) {
		prog = progs[p]
		fastest[prog] = fastest_cpu[prog] = 0; npeer = 0
		delete peer_times
		delete peer_cpus
		for (a = 1; a <= nalloc; a++) {
			key = prog SUBSEP allocs[a]
			if (!good[key])
				continue
			wall[key] = median(walls, key, good[key])
			slowest = extreme(walls, key, good[key], 1)
			spread[key] = wall[key] > 0 ? (slowest - extreme(walls, key, good[key], -1)) / wall[key] : 0
			rss[key] = median(rsss, key, good[key])
			cpu[key] = median(cpus, key, good[key])
			if (allocs[a] != "ukmem") {
				peer_times[++npeer] = wall[key]
				peer_cpus[npeer] = cpu[key]
				if (!fastest[prog] || wall[key] < fastest[prog])
					fastest[prog] = wall[key]
				if (!fastest_cpu[prog] || cpu[key] < fastest_cpu[prog])
					fastest_cpu[prog] = cpu[key]
			}
		}
		median_peer[prog] = npeer ? median_of_list(peer_times, npeer) : 0
		median_peer_cpu[prog] = npeer ? median_of_list(peer_cpus, npeer) : 0
		glibc_rss[prog] = good[prog SUBSEP "glibc"] ? rss[prog SUBSEP "glibc"] : 0
	}

	if (header != "")
		print header "\n" > table
	print "| program | allocator | time (s) | spread | CPU (s) | peak RSS (MiB) | time / fastest peer | RSS / glibc |" > table
	print "|---|---|---:|---:|---:|---:|---:|---:|" > table
	printf "program" > plotdata
	for (a = 1; a <= nalloc; a++) printf " time_%s", allocs[a] > plotdata
	for (a = 1; a <= nalloc; a++) printf " rss_%s", allocs[a] > plotdata
	printf "\n" > plotdata
	for (p = 1; p <= nprog; p++) {
		prog = progs[p]
		time_cols = ""; rss_cols = ""
		for (a = 1; a <= nalloc; a++) {
			key = prog SUBSEP allocs[a]
			note = (key in bad) ? bad_runs(key) : ""
			if (!good[key]) {
				printf "| %s | %s | %s | | | | | |\n", prog, allocs[a], note > table
				time_cols = time_cols " -"; rss_cols = rss_cols " -"
				continue
			}
			tr = fastest[prog] ? wall[key] / fastest[prog] : 0
			rr = glibc_rss[prog] ? rss[key] / glibc_rss[prog] : 0
			printf "| %s | %s | %.3f%s | %.0f%% | %.3f | %.1f | %.2f | %.2f |\n", prog, allocs[a], wall[key],
			       note ? " (" note ")" : "", 100 * spread[key], cpu[key],
			       rss[key] / 1024, tr, rr > table
			time_cols = time_cols sprintf(" %.4f", tr)
			rss_cols = rss_cols sprintf(" %.4f", rr)
		}
		print prog time_cols rss_cols > plotdata
	}

	print "" > table
	print "ukmem against the targets:" > table
	print "" > table
	print "| program | target | ukmem | limit | met | met on CPU time |" > table
	print "|---|---|---:|---:|---|---|" > table
	for (p = 1; p <= nprog; p++) {
		prog = progs[p]
		key = prog SUBSEP "ukmem"
		if (!runs[key]) {
			printf "| %s | all | not measured | | | |\n", prog > table
			continue
		}
		if (key in bad) {
			printf "| %s | same output as glibc, exit 0 | %s | | **no** | |\n", prog, bad_runs(key) > table
			if (!good[key])
				continue
		}
		if (kind[prog] == "stress") {
			printf "| %s | time <= median peer | %.3f s | %.3f s | %s | %s (%.3f s, %.3f s) |\n", prog,
			       wall[key], median_peer[prog], yesno(wall[key] <= median_peer[prog]),
			       yesno(cpu[key] <= median_peer_cpu[prog]), cpu[key], median_peer_cpu[prog] > table
		} else {
			printf "| %s | time <= 1.05 x fastest peer | %.3f s | %.3f s | %s | %s (%.3f s, %.3f s) |\n",
			       prog, wall[key], 1.05 * fastest[prog], yesno(wall[key] <= 1.05 * fastest[prog]),
			       yesno(cpu[key] <= 1.05 * fastest_cpu[prog]), cpu[key], 1.05 * fastest_cpu[prog] > table
			printf "| %s | peak RSS <= 1.10 x glibc | %.1f MiB | %.1f MiB | %s | |\n", prog,
			       rss[key] / 1024, 1.10 * glibc_rss[prog] / 1024,
			       yesno(rss[key] <= 1.10 * glibc_rss[prog]) > table
		}
	}
}
