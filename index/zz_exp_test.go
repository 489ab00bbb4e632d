//go:build experiment

package index

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

func med(t *testing.T, name string, f func() uint64) {
	var lat []time.Duration
	var n uint64
	for i := 0; i < 25; i++ {
		s := time.Now()
		n = f()
		lat = append(lat, time.Since(s))
	}
	slices.Sort(lat)
	t.Logf("%-40s hits %7d  p50 %6.1f ms", name, n, float64(lat[len(lat)/2].Microseconds())/1000)
}

func TestExp(t *testing.T) {
	ix, err := Open(os.Getenv("EXP_INDEX"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for _, qs := range []string{"merchants checkout", "WeChat Pay", "Taobao", "payment", "正式接入"} {
		pq, err := parseQuery(qs, ix.profile())
		if err != nil {
			t.Fatal(err)
		}
		run := func(name string, q query.Query, score string, size int) {
			med(t, qs+" "+name, func() uint64 {
				req := bleve.NewSearchRequestOptions(q, size, 0, false)
				req.Score = score
				res, err := ix.b.SearchInContext(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				return res.Total
			})
		}
		aq := pq.bleveQuery(textFields, "categories")
		run("art typed", bleve.NewConjunctionQuery(termQ("type", typeArticle), aq), "", 10)
		run("art untyped", aq, "", 10)
		run("art typed none", bleve.NewConjunctionQuery(termQ("type", typeArticle), aq), "none", 0)
		run("art untyped none", aq, "none", 0)
		run("art text_en only", pq.bleveQuery([]string{"text_en"}, "categories"), "", 10)
		mq := pq.bleveQuery(quoteFields, "category")
		run("ms typed", bleve.NewConjunctionQuery(termQ("type", typeMilestone), termQ("status", "happened"), mq), "", 10)
		if qs == "payment" {
			req := func(facets bool) func() uint64 {
				return func() uint64 {
					r := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(termQ("type", typeArticle), aq, termQ("lang", "en")), 10, 0, false)
					if facets {
						for _, f := range facetFields {
							r.AddFacet(f.name, bleve.NewFacetRequest(f.field, 20))
						}
					}
					res, err := ix.b.SearchInContext(ctx, r)
					if err != nil {
						t.Fatal(err)
					}
					return res.Total
				}
			}
			med(t, "payment lang=en no facets", req(false))
			med(t, "payment lang=en facets", req(true))
		}
	}
}
