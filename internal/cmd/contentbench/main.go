// Command contentbench scores main-text extraction side by side:
// wallbreak's crawler.ExtractHTML, go-trafilatura and go-readability, on
// every page of a public corpus, in one process, one page at a time. It
// prints F1, precision, recall and ms/page per extractor, then the pages
// where wallbreak does worst. See README.md for the corpora.
//
//	go run . -corpus ~/.cache/wallbreak-contentbench/article-extraction-benchmark
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/wallbreak/wallbreak/crawler"
)

// result is what one extractor made of every page.
type result struct {
	Name  string                `json:"name"`
	Pages map[string]pageResult `json:"pages"`
}

type pageResult struct {
	Text string  `json:"text"`
	MS   float64 `json:"ms"`
}

func main() {
	cache, _ := os.UserCacheDir()
	dir := flag.String("corpus", filepath.Join(cache, "wallbreak-contentbench", "article-extraction-benchmark"), "corpus directory (see README.md)")
	only := flag.String("only", "", "comma-separated extractor names to run (default all)")
	dump := flag.String("dump", "", "write the extractions to this JSON file")
	load := flag.String("load", "", "comma-separated JSON files of earlier extractions to score as further rows (name=file renames)")
	worst := flag.Int("worst", 20, "list this many of wallbreak's worst pages")
	show := flag.String("show", "", "print every extractor's text for this page id")
	flag.Parse()

	c, err := loadCorpus(*dir)
	if err != nil {
		log.Fatal(err)
	}
	var results []result
	for _, e := range extractors {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), e.name) {
			continue
		}
		results = append(results, runExtractor(e, c))
	}
	for _, spec := range strings.FieldsFunc(*load, func(r rune) bool { return r == ',' }) {
		rs, err := loadResults(spec)
		if err != nil {
			log.Fatal(err)
		}
		results = append(results, rs...)
	}
	if *dump != "" {
		if err := writeJSON(*dump, results); err != nil {
			log.Fatal(err)
		}
	}
	if *show != "" {
		showPage(c, results, *show)
		return
	}
	report(os.Stdout, c, results, *worst)
}

// runExtractor runs e on every page in turn, timing each.
func runExtractor(e extractor, c corpus) result {
	r := result{Name: e.name, Pages: map[string]pageResult{}}
	for _, p := range c.pages {
		body := crawler.DecodeBody(p.html, "")
		start := time.Now()
		text := normalize(e.run(p.url, body))
		r.Pages[p.id] = pageResult{Text: text, MS: float64(time.Since(start).Microseconds()) / 1000}
	}
	return r
}

// loadResults reads a -dump file: every extractor in it, or with
// "name=file" its first one under that name.
func loadResults(spec string) ([]result, error) {
	name, file, renamed := strings.Cut(spec, "=")
	if !renamed {
		file = spec
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var rs []result
	if err := json.Unmarshal(raw, &rs); err != nil || len(rs) == 0 {
		return nil, fmt.Errorf("%s: no extractions (%v)", file, err)
	}
	if renamed {
		rs[0].Name = name
		return rs[:1], nil
	}
	return rs, nil
}

func writeJSON(path string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, raw, 0o644)
}

func pageScore(c corpus, p page, text string) score {
	if c.snippets {
		return snippetScore(p.with, p.without, text)
	}
	return shingleScore(p.want, text)
}

// report prints the table and wallbreak's worst pages against the best
// peer on each.
func report(w *os.File, c corpus, results []result, worst int) {
	fmt.Fprintf(w, "corpus: %s, %d pages\n\n", c.name, len(c.pages))
	fmt.Fprintln(w, "| extractor | F1 | precision | recall | ms/page (mean) | ms/page (median) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	perPage := map[string]map[string]score{}
	for _, r := range results {
		var scores []score
		var ms []float64
		perPage[r.Name] = map[string]score{}
		for _, p := range c.pages {
			pr := r.Pages[p.id]
			s := pageScore(c, p, pr.Text)
			perPage[r.Name][p.id] = s
			scores = append(scores, s)
			ms = append(ms, pr.MS)
		}
		sum := summarize(scores, c.snippets)
		sort.Float64s(ms)
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.1f | %.1f |\n", r.Name, sum.f1, sum.precision, sum.recall, mean(ms), ms[len(ms)/2])
	}
	own, ok := perPage["wallbreak"]
	if !ok || worst == 0 {
		return
	}
	type row struct {
		id       string
		own, gap float64
		best     string
	}
	var rows []row
	for _, p := range c.pages {
		rw := row{id: p.id, own: own[p.id].f1()}
		for name, scores := range perPage {
			if name != "wallbreak" && scores[p.id].f1()-rw.own > rw.gap {
				rw.gap, rw.best = scores[p.id].f1()-rw.own, name
			}
		}
		rows = append(rows, rw)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].gap > rows[j].gap })
	below := 0
	for _, r := range rows {
		if r.gap > 0.2 {
			below++
		}
	}
	fmt.Fprintf(w, "\nwallbreak more than 0.2 F1 below a peer on %d pages; worst %d:\n\n", below, min(worst, len(rows)))
	for _, r := range rows[:min(worst, len(rows))] {
		fmt.Fprintf(w, "  %-70s wallbreak %.2f  %s +%.2f\n", r.id, r.own, r.best, r.gap)
	}
}

func showPage(c corpus, results []result, id string) {
	for _, p := range c.pages {
		if p.id != id {
			continue
		}
		fmt.Printf("=== %s (%s)\n", p.id, p.url)
		if c.snippets {
			fmt.Printf("with: %q\nwithout: %q\n", p.with, p.without)
		} else {
			fmt.Printf("--- expected\n%s\n", p.want)
		}
		for _, r := range results {
			s := pageScore(c, p, r.Pages[id].Text)
			fmt.Printf("--- %s F1 %.2f P %.2f R %.2f\n%s\n", r.Name, s.f1(), s.precision(), s.recall(), r.Pages[id].Text)
		}
	}
}
