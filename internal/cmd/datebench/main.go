// Command datebench measures publication-date accuracy on htmldate's
// evaluation set (1,000 pages: adbar/htmldate tests/eval_default.json and
// eval_mediacloud_2020.json with the pages in tests/eval, tests/test_set
// and tests/cache), running wallbreak's crawler.ExtractHTML and
// go-htmldate on each page in one process. It is a module of its own so
// that wallbreak's go.mod never pulls go-htmldate in.
//
//	go run . -dir /path/to/htmldate/tests [-misses] [-only wallbreak]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"

	"github.com/wallbreak/wallbreak/crawler"
)

// page is one evaluation entry: its URL, file and expected day ("" when
// the page has none).
type page struct {
	URL, File, Date string
}

// score counts results as htmldate's evaluation does: accuracy is
// (TP+TN)/all, a wrong date is a false positive, none a false negative.
type score struct {
	tp, fp, tn, fn int
	spent          time.Duration
	misses         []string
}

func (s *score) add(p page, got string, spent time.Duration) {
	s.spent += spent
	switch {
	case got == "" && p.Date == "":
		s.tn++
	case got == "":
		s.fn++
		s.misses = append(s.misses, fmt.Sprintf("none  want %s  %s  %s", p.Date, p.File, p.URL))
	case got == p.Date:
		s.tp++
	default:
		s.fp++
		s.misses = append(s.misses, fmt.Sprintf("wrong %s want %s  %s  %s", got, orNone(p.Date), p.File, p.URL))
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func (s *score) String() string {
	n := s.tp + s.fp + s.tn + s.fn
	return fmt.Sprintf("accuracy %.3f  (TP %d FP %d TN %d FN %d; %d without a date, %d wrong)  %.2f ms/page",
		float64(s.tp+s.tn)/float64(n), s.tp, s.fp, s.tn, s.fn, s.fn, s.fp, float64(s.spent.Microseconds())/1000/float64(n))
}

func main() {
	dir := flag.String("dir", "", "htmldate's tests directory (with eval_default.json)")
	misses := flag.Bool("misses", false, "list every page a tool gets wrong")
	only := flag.String("only", "", "run one tool only: wallbreak or htmldate")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "datebench:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "datebench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	pages, err := load(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "datebench:", err)
		os.Exit(1)
	}
	tools := []struct {
		name string
		run  func(page, []byte) string
	}{{"wallbreak", wallbreak}, {"go-htmldate", goHTMLDate}}
	scores := make([]score, len(tools))
	for _, p := range pages {
		body, err := readPage(*dir, p.File)
		if err != nil {
			fmt.Fprintln(os.Stderr, "datebench:", err)
			os.Exit(1)
		}
		for i, tool := range tools {
			if *only != "" && !strings.HasPrefix(tool.name, *only) && !strings.HasSuffix(tool.name, *only) {
				continue
			}
			start := time.Now()
			got := tool.run(p, body)
			scores[i].add(p, got, time.Since(start))
		}
	}
	fmt.Printf("%d pages\n", len(pages))
	for i, tool := range tools {
		if scores[i].tp+scores[i].fp+scores[i].tn+scores[i].fn == 0 {
			continue
		}
		fmt.Printf("%-12s %s\n", tool.name, &scores[i])
		if *misses {
			sort.Strings(scores[i].misses)
			for _, m := range scores[i].misses {
				fmt.Printf("  %s %s\n", tool.name, m)
			}
		}
	}
}

// fetched is when the set's pages were collected, at the latest: no
// publication date may come after it.
var fetched = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func wallbreak(p page, body []byte) string {
	docs, err := crawler.ExtractHTML(p.URL, crawler.DecodeBody(body, ""), crawler.Hints{FetchedAt: fetched})
	if err != nil || len(docs) == 0 || docs[0].PublishedAt == nil {
		return ""
	}
	return docs[0].PublishedAt.Format(time.DateOnly)
}

func goHTMLDate(p page, body []byte) string {
	res, err := htmldate.FromReader(bytes.NewReader(body), htmldate.Options{URL: p.URL, UseOriginalDate: true})
	if err != nil || res.IsZero() {
		return ""
	}
	return res.Format(time.DateOnly)
}

func load(dir string) ([]page, error) {
	var pages []page
	for _, name := range []string{"eval_mediacloud_2020.json", "eval_default.json"} {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read the set: %w", err)
		}
		// Python wrote the set: a page without a date is NaN there.
		raw = bytes.ReplaceAll(raw, []byte(": NaN"), []byte(": null"))
		var entries map[string]struct {
			File string  `json:"file"`
			Date *string `json:"date"`
		}
		if err := json.Unmarshal(raw, &entries); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		for u, e := range entries {
			p := page{URL: u, File: e.File}
			if e.Date != nil {
				p.Date = *e.Date
			}
			pages = append(pages, p)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].File < pages[j].File })
	return pages, nil
}

// readPage reads a page from whichever of the set's folders holds it.
func readPage(dir, file string) ([]byte, error) {
	for _, sub := range []string{"test_set", "eval", "cache"} {
		if b, err := os.ReadFile(filepath.Join(dir, sub, file)); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("page %s not found under %s", file, dir)
}
