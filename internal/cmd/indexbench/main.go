// Command indexbench measures wallbreak's search index on synthetic
// corpora (internal/synth) of growing size: indexing throughput, size on
// disk per article, peak RSS while indexing and while serving queries, and
// the latency of five typical queries. It prints a Markdown table for
// BENCHMARKS.md.
//
//	go run ./internal/cmd/indexbench -sizes 10000,100000,1000000 -dir /tmp/indexbench
//
// Each size is indexed in a fresh directory by this process; the queries
// run in a child process that only opens the index, so its peak RSS is
// that of serving, not of building.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/internal/synth"
	"github.com/wallbreak/wallbreak/timeline"
)

func main() {
	sizes := flag.String("sizes", "10000,100000", "corpus sizes (articles), comma-separated")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "wallbreak-indexbench"), "work directory (emptied)")
	runs := flag.Int("runs", 200, "runs of each query")
	queryOnly := flag.String("query-only", "", "internal: run the queries on this index and print JSON")
	keep := flag.Bool("keep", false, "keep the indexes")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the queries (with -query-only)")
	only := flag.String("only", "", "run only this query (with -query-only)")
	flag.Parse()
	onlyQuery = *only
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f) //nolint:errcheck
		defer pprof.StopCPUProfile()
	}
	log.SetFlags(0)
	if *queryOnly != "" {
		runQueries(*queryOnly, *runs)
		return
	}
	if err := os.RemoveAll(*dir); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("| articles | index docs | build time | articles/s | event rebuild | disk/article | peak RSS building | peak RSS serving |")
	for _, q := range queries {
		fmt.Printf(" %s p50 / p99 |", q.name)
	}
	fmt.Println()
	fmt.Print("|---|---|---|---|---|---|---|---|")
	for range queries {
		fmt.Print("---|")
	}
	fmt.Println()
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			log.Fatalf("bad size %q", s)
		}
		path := filepath.Join(*dir, fmt.Sprintf("index-%d", n))
		docs, took, rebuild, events := build(path, n)
		size := du(path)
		child := exec.Command(os.Args[0], "-query-only", path, "-runs", strconv.Itoa(*runs))
		child.Stderr = os.Stderr
		out, err := child.Output()
		if err != nil {
			log.Fatalf("queries: %v", err)
		}
		var qr queryReport
		if err := json.Unmarshal(out, &qr); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("| %d | %d | %s | %.0f | %s (%d events) | %.2f KB | %s | %s |", n, docs, took.Round(time.Second), float64(n)/took.Seconds(),
			rebuild.Round(100*time.Millisecond), events, float64(size)/float64(n)/1024, mib(peakRSS()), mib(qr.PeakRSS))
		for _, q := range queries {
			l := qr.Latency[q.name]
			fmt.Printf(" %s / %s |", ms(l[0]), ms(l[1]))
		}
		fmt.Println()
		fmt.Print("first runs (cold):")
		for _, q := range queries {
			fmt.Printf(" %s %s;", q.name, ms(qr.First[q.name]))
		}
		fmt.Println()
		if !*keep {
			os.RemoveAll(path)
		}
	}
}

// build indexes n synthetic articles, with their generated milestones, in
// batches of 256 as the crawler does, then clusters the events (timed
// apart: the daemon does it after each crawl that found something).
func build(path string, n int) (uint64, time.Duration, time.Duration, int) {
	ix, err := index.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	batch := make([]index.Item, 0, 256)
	for i := 0; i < n; i++ {
		batch = append(batch, item(synth.Generate(7, i)))
		if len(batch) == cap(batch) || i == n-1 {
			if err := ix.IndexDocuments(batch); err != nil {
				log.Fatal(err)
			}
			batch = batch[:0]
		}
		if i > 0 && i%100000 == 0 {
			log.Printf("indexed %d of %d in %s", i, n, time.Since(start).Round(time.Second))
		}
	}
	took := time.Since(start)
	t := time.Now()
	events, err := ix.RebuildEvents(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	rebuild := time.Since(t)
	count, _ := ix.Count()
	if err := ix.Close(); err != nil { // persists what is left
		log.Fatal(err)
	}
	return count, took, rebuild, events
}

func item(a synth.Article) index.Item {
	doc, ms, actors := a.Indexed()
	return index.Item{Doc: doc, Milestones: ms, Actors: actors}
}

// The five typical queries.
var queries = []struct {
	name string
	q    index.SearchQuery
}{
	{"keyword", index.SearchQuery{Q: "merchants checkout", NoFacets: true}},
	{"entity", index.SearchQuery{Q: "WeChat Pay", NoFacets: true}},
	{"date range", index.SearchQuery{Q: "Taobao", From: date("2023-01"), To: date("2023-06"), NoFacets: true}},
	{"faceted", index.SearchQuery{Q: "payment", Lang: "en"}},
	{"zh phrase", index.SearchQuery{Q: "正式接入", NoFacets: true}},
}

func date(s string) *timeline.Date {
	d, err := timeline.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

var onlyQuery string

type queryReport struct {
	Latency map[string][2]time.Duration // p50, p99
	// First is each query's first run, before the warm-up: cold caches,
	// and the terms' block bounds not read yet.
	First   map[string]time.Duration
	Hits    map[string]uint64
	PeakRSS int64
}

func runQueries(path string, runs int) {
	index.TuneGC() // as wallbreak serve does
	ix, err := index.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()
	rep := queryReport{Latency: map[string][2]time.Duration{}, First: map[string]time.Duration{}, Hits: map[string]uint64{}}
	ctx := context.Background()
	for _, q := range queries {
		if onlyQuery != "" && q.name != onlyQuery {
			continue
		}
		var lat []time.Duration
		for i := 0; i < runs+10; i++ {
			t := time.Now()
			res, err := ix.Search(ctx, q.q)
			if err != nil {
				log.Fatalf("%s: %v", q.name, err)
			}
			if i == 0 {
				rep.First[q.name] = time.Since(t)
			}
			if i >= 10 { // warm-up excluded
				lat = append(lat, time.Since(t))
			}
			rep.Hits[q.name] = res.Total
		}
		slices.Sort(lat)
		rep.Latency[q.name] = [2]time.Duration{lat[len(lat)/2], lat[len(lat)*99/100]}
		if rep.Hits[q.name] == 0 {
			log.Fatalf("query %s found nothing", q.name)
		}
	}
	runtime.GC()
	rep.PeakRSS = peakRSS()
	json.NewEncoder(os.Stdout).Encode(rep) //nolint:errcheck
}

// peakRSS is the process's high-water resident set (VmHWM). Not
// getrusage's ru_maxrss: Linux carries that across fork and exec, so a
// child would report its parent's peak.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func du(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error { //nolint:errcheck
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	return total
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
