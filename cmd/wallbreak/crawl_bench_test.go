package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wallbreak/wallbreak/internal/synth"
)

// serveSynthSite is the child process of BenchmarkCrawlSynthSite: it
// serves the synthetic site, prints its address and runs until killed, so
// that the benchmark's CPU figures are the crawler's alone.
func serveSynthSite(n int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	_ = http.Serve(ln, &synth.Site{N: n, Seed: 2024})
	os.Exit(0)
}

func startSynthSite(b *testing.B, n int) string {
	b.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "WALLBREAK_SYNTH_SITE="+strconv.Itoa(n))
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		b.Fatalf("synthetic site: %v", err)
	}
	return strings.TrimSpace(line)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCrawlSynthSite crawls a generated loopback site of 5,000
// article pages (a feed linking them all) with politeness off, through
// fetch, extraction, the state store and the index; then crawls it again
// unchanged. Reported: pages/s and CPU ms per page of the first crawl, the
// recrawl's time as a ratio of the first, and the share of the recrawl's
// requests answered 304.
func BenchmarkCrawlSynthSite(b *testing.B) {
	const pages = 5000
	base := startSynthSite(b, pages)
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		cfgPath := filepath.Join(dir, "config.yaml")
		yaml := fmt.Sprintf(`data_dir: %s
allow_private_networks: true
defaults: {delay: 0s, parallelism: 8, timeout: 30s}
sources:
  - {name: synth, type: feed, url: "%s/feed.xml", max_pages: 100000}
`, filepath.Join(dir, "data"), base)
		if err := os.WriteFile(cfgPath, []byte(yaml), 0o644); err != nil {
			b.Fatal(err)
		}
		cfg, err := loadConfig(cfgPath)
		if err != nil {
			b.Fatal(err)
		}
		a, err := openApp(cfg, discardLogger())
		if err != nil {
			b.Fatal(err)
		}
		src := cfg.sources()[0]

		cpu0, t0 := cpuTime(), time.Now()
		first, err := a.crawlSource(context.Background(), src)
		firstWall, firstCPU := time.Since(t0), cpuTime()-cpu0
		if err != nil || first.New != pages || first.Failed != 0 {
			b.Fatalf("first crawl: %+v %v", first, err)
		}

		t1 := time.Now()
		again, err := a.crawlSource(context.Background(), src)
		againWall := time.Since(t1)
		if err != nil || again.New != 0 {
			b.Fatalf("recrawl: %+v %v", again, err)
		}
		if err := a.Close(); err != nil {
			b.Fatal(err)
		}
		// The recrawl asks for the feed, conditionally, and nothing else:
		// every known article is skipped from the state store.
		requests, notModified := again.Fetched, again.NotModified
		b.ReportMetric(float64(pages)/firstWall.Seconds(), "pages/s")
		b.ReportMetric(float64(firstCPU.Milliseconds())/pages, "cpu-ms/page")
		b.ReportMetric(againWall.Seconds()/firstWall.Seconds(), "recrawl-ratio")
		b.ReportMetric(float64(requests), "recrawl-requests")
		if requests > 0 {
			b.ReportMetric(float64(notModified)/float64(requests), "recrawl-304-share")
		}
		b.ReportMetric(float64(again.Unchanged-notModified), "recrawl-skipped")
	}
}
