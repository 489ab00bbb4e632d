// Command loadbench measures GET /api/v1/timeline under concurrent
// clients: it indexes a synthetic timeline of -events events
// (internal/synth), serves the real API handler on loopback, and has
// -clients clients request typical timeline pages (the first page, an
// actor, a date range, a filtered newest-first page, a next page through a
// cursor, a TimelineJS export) for -duration. It prints requests/s and
// p50/p99 latency, overall and per kind of request.
//
//	go run ./internal/cmd/loadbench -events 100000 -clients 64 -duration 30s
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wallbreak/wallbreak/api"
	"github.com/wallbreak/wallbreak/index"
	"github.com/wallbreak/wallbreak/internal/synth"
	"github.com/wallbreak/wallbreak/timeline"
)

func main() {
	n := flag.Int("events", 100000, "events in the index")
	clients := flag.Int("clients", 64, "concurrent clients")
	duration := flag.Duration("duration", 30*time.Second, "how long to load")
	distinct := flag.Bool("distinct", false, "make every request's URL unique, so no answer comes from the server's cache")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "wallbreak-loadbench"), "work directory (emptied)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the load phase")
	flag.Parse()
	log.SetFlags(0)
	os.RemoveAll(*dir)
	ix, err := index.Open(filepath.Join(*dir, "index"))
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(*dir)
	defer ix.Close()
	start := time.Now()
	batch := make([]timeline.Event, 0, 1000)
	for i := 0; i < *n; i++ {
		batch = append(batch, synth.Event(1, i))
		if len(batch) == cap(batch) || i == *n-1 {
			if err := ix.PutEvents(batch); err != nil {
				log.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	count, _ := ix.Count()
	log.Printf("indexed %d events (%d documents) in %s", *n, count, time.Since(start).Round(time.Second))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	// The handler as `wallbreak serve` runs it, with the rate limit set out
	// of the way (64 clients from one address).
	srv := &http.Server{Handler: (&api.Server{Index: ix, RateLimit: 1e9}).Handler()}
	go srv.Serve(ln) //nolint:errcheck
	defer srv.Shutdown(context.Background())
	base := "http://" + ln.Addr().String()

	// A cursor for the "next page" requests.
	var first index.TimelinePage
	getJSON(base+"/api/v1/timeline?limit=100", &first)
	if first.NextCursor == nil || first.Total != uint64(*n) {
		log.Fatalf("first page: total %d, cursor %v", first.Total, first.NextCursor)
	}
	kinds := []struct{ name, path string }{
		{"first page", "/api/v1/timeline"},
		{"actor", "/api/v1/timeline?actor=alipay&limit=50"},
		{"date range", "/api/v1/timeline?from=2023-Q2&to=2023-Q3"},
		{"filtered, newest first", "/api/v1/timeline?actor=taobao&category=payment&min_sources=2&order=desc"},
		{"next page", "/api/v1/timeline?limit=100&cursor=" + *first.NextCursor},
		{"timelinejs", "/api/v1/timeline?format=timelinejs&from=2024-01&to=2024-01"},
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	lat := make([][]time.Duration, len(kinds))
	var mu sync.Mutex
	var total, failed atomic.Int64
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f) //nolint:errcheck
		defer pprof.StopCPUProfile()
	}
	deadline := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			mine := make([][]time.Duration, len(kinds))
			for i := c; time.Now().Before(deadline); i++ {
				k := i % len(kinds)
				t := time.Now()
				url := base + kinds[k].path
				if *distinct {
					sep := "?"
					if strings.Contains(url, "?") {
						sep = "&"
					}
					url += fmt.Sprintf("%snocache=%d-%d", sep, c, i)
				}
				resp, err := client.Get(url)
				if err == nil {
					io.Copy(io.Discard, resp.Body) //nolint:errcheck
					resp.Body.Close()
				}
				d := time.Since(t)
				total.Add(1)
				if err != nil || resp.StatusCode != 200 {
					failed.Add(1)
					continue
				}
				mine[k] = append(mine[k], d)
			}
			mu.Lock()
			for k := range mine {
				lat[k] = append(lat[k], mine[k]...)
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	var all []time.Duration
	mode := "repeated URLs (answers cached per index generation)"
	if *distinct {
		mode = "every URL distinct (no cache hits)"
	}
	fmt.Printf("%d events, %d clients, %s, %s: %d requests, %.0f requests/s, %d failed\n\n", *n, *clients, *duration, mode,
		total.Load(), float64(total.Load())/duration.Seconds(), failed.Load())
	fmt.Println("| request | requests | p50 | p99 |")
	fmt.Println("|---|---|---|---|")
	for k, kd := range kinds {
		all = append(all, lat[k]...)
		p50, p99 := pct(lat[k])
		fmt.Printf("| %s | %d | %s | %s |\n", kd.name, len(lat[k]), ms(p50), ms(p99))
	}
	p50, p99 := pct(all)
	fmt.Printf("| **all** | %d | **%s** | **%s** |\n", len(all), ms(p50), ms(p99))
}

func pct(d []time.Duration) (time.Duration, time.Duration) {
	if len(d) == 0 {
		return 0, 0
	}
	slices.Sort(d)
	return d[len(d)/2], d[len(d)*99/100]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func getJSON(url string, v any) {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		log.Fatal(err)
	}
}
