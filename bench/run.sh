#!/bin/sh
# run.sh: `make bench`. First issue 15's table (bench/table.sh): every
# row of the issue, itin next to its floor measured in the same run, at
# each of BENCH_SIZES; then the sections named in BENCH_MORE, each a
# script of its own that measures what the table does not:
#   startup  --version, add and list on an empty store next to an empty
#            program, in blocks of processes (bench/startup.sh)
#   view     the viewer's keystrokes, on a store of the first size
#            (bench/view.sh)
#   csv      CSV import stage by stage next to a bare libcsv loop, on the
#            largest size (bench/csv.sh)
#   ics      .ics export and import next to Python's icalendar, when it
#            is installed (bench/ics.sh)
#   same     import of events of one content against distinct titles
#            (bench/same.sh)
#   extract  itin extract over 1,000 generated reports (bench/extract.sh)
#   lock     16 writers x 60 operations on one store (bench/lock.sh)
#   sync     itin sync's first push and incremental sync against a local
#            Radicale, next to vdirsyncer and a curl floor (bench/sync.sh)
# A slow figure never fails it; a command that fails does (exit 1), after
# every section has run.
#   ITIN, BENCH_DIR, BENCH_SIZES, BENCH_ROUNDS   as bench/table.sh says
#   BENCH_MORE   the sections after the table (default: all of them)
: "${ITIN:?ITIN must name the itin binary}"
: "${BENCH_DIR:?BENCH_DIR must name the folder of the bench programs}"
here=$(cd "$(dirname "$0")" && pwd)
sizes=${BENCH_SIZES:-100000 1000000}
first=${sizes%% *}
last=${sizes##* }
export ITIN BENCH_DIR BENCH_SIZES="$sizes"

case $(date +%N) in
*N* | "")
	echo "bench: date +%N is not supported here; cannot time" >&2
	exit 1
	;;
esac

status=0
sh "$here/table.sh" || status=1

for section in ${BENCH_MORE-startup view csv ics same extract lock sync}; do
	case $section in
	startup)
		if [ -f "$here/startup.sh" ]; then
			EMPTYPROG=$BENCH_DIR/empty sh "$here/startup.sh"
		else
			echo "bench: startup: bench/startup.sh is not in this tree" >&2
			status=1
		fi
		;;
	view)
		W=$(mktemp -d "${TMPDIR:-/tmp}/itin-bench.XXXXXX")
		sh "$here/gen.sh" "$first" >"$W/big.itin"
		sh "$here/view.sh" "$W/big.itin"
		rm -rf "$W"
		;;
	csv)
		CSVBENCH=$BENCH_DIR/csvbench BENCH_CSV_ROWS=$last \
			BENCH_CSV_ROUNDS=${BENCH_ROUNDS:-5} sh "$here/csv.sh"
		;;
	ics) BENCH_EVENTS=$first sh "$here/ics.sh" ;;
	same) BENCH_EVENTS=$first sh "$here/same.sh" ;;
	extract)
		EXTRACTBENCH=$BENCH_DIR/extractbench EMPTYPROG=$BENCH_DIR/empty \
			sh "$here/extract.sh"
		;;
	lock)
		echo
		echo "many writers on one store (bench/lock.sh):"
		WORKERS=${WORKERS:-16} OPS=${OPS:-60} sh "$here/lock.sh"
		;;
	sync) sh "$here/sync.sh" || status=1 ;;
	*)
		echo "bench: no section '$section' (BENCH_MORE)" >&2
		status=1
		;;
	esac
done
exit $status
