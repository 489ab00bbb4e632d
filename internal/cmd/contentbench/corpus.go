package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// page is one benchmark page: its HTML and what its text should be, either
// the whole expected text or snippets it should and should not contain.
type page struct {
	id, url string
	html    []byte
	want    string
	with    []string
	without []string
}

// corpus is a set of pages scored one way.
type corpus struct {
	name     string
	snippets bool // scored by with/without snippets, else by shingles of want
	pages    []page
}

// loadCorpus reads the directory as the corpus it holds: the
// article-extraction-benchmark (ground-truth.json and html/*.html.gz) or
// go-trafilatura's comparison set (scripts/comparison/data.go and
// test-files/).
func loadCorpus(dir string) (corpus, error) {
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err == nil {
		return loadArticleBenchmark(dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "scripts", "comparison", "data.go")); err == nil {
		return loadComparison(dir)
	}
	return corpus{}, fmt.Errorf("%s: neither ground-truth.json nor scripts/comparison/data.go (see README.md)", dir)
}

func loadArticleBenchmark(dir string) (corpus, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return corpus{}, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return corpus{}, fmt.Errorf("ground-truth.json: %w", err)
	}
	c := corpus{name: "article-extraction-benchmark"}
	for id, t := range truth {
		body, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return corpus{}, err
		}
		c.pages = append(c.pages, page{id: id, url: t.URL, html: body, want: t.ArticleBody})
	}
	sort.Slice(c.pages, func(i, j int) bool { return c.pages[i].id < c.pages[j].id })
	return c, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(z)
}

// loadComparison reads go-trafilatura's comparison table, a Go map literal
// from page URL to an entry with File, With and Without, without running
// it: the file is parsed and its string literals read.
func loadComparison(dir string) (corpus, error) {
	src := filepath.Join(dir, "scripts", "comparison", "data.go")
	f, err := parser.ParseFile(token.NewFileSet(), src, nil, 0)
	if err != nil {
		return corpus{}, err
	}
	c := corpus{name: "go-trafilatura comparison", snippets: true}
	var bad error
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok || bad != nil {
			return bad == nil
		}
		key, ok := stringLit(kv.Key)
		entry, isLit := kv.Value.(*ast.CompositeLit)
		if !ok || !isLit || !strings.HasPrefix(key, "http") {
			return true
		}
		p := page{id: key, url: key}
		var file string
		for _, e := range entry.Elts {
			field, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch ident(field.Key) {
			case "File":
				file, _ = stringLit(field.Value)
			case "With":
				p.with = stringList(field.Value)
			case "Without":
				p.without = stringList(field.Value)
			}
		}
		if p.html, err = readComparisonFile(dir, file); err != nil {
			bad = err
		}
		p.id = file
		c.pages = append(c.pages, p)
		return false
	})
	if bad != nil {
		return corpus{}, bad
	}
	sort.Slice(c.pages, func(i, j int) bool { return c.pages[i].id < c.pages[j].id })
	return c, nil
}

func readComparisonFile(dir, name string) ([]byte, error) {
	for _, sub := range []string{"comparison", "mock"} {
		if b, err := os.ReadFile(filepath.Join(dir, "test-files", sub, name)); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("%s: not in test-files/comparison or test-files/mock", name)
}

func ident(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func stringList(e ast.Expr) []string {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []string
	for _, el := range lit.Elts {
		if s, ok := stringLit(el); ok {
			out = append(out, s)
		}
	}
	return out
}

// softHyphen is dropped from every prediction, as the benchmark's runners do.
func normalize(s string) string { return strings.ReplaceAll(s, "\u00ad", "") }
