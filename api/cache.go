package api

import (
	"bytes"
	"net/http"
	"slices"
	"sync"
)

// Generationer is an index that counts its changes: an answer computed at
// one generation stays right until the next.
type Generationer interface {
	Generation() uint64
}

// answerCache keeps the full answers of read requests by URL for the index
// generation they were computed at, so the many clients that poll the same
// timeline pages cost one query per change of the index, not one each.
type answerCache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[string]cachedAnswer
}

type cachedAnswer struct {
	header http.Header
	body   []byte
}

const maxCachedAnswers = 2048

func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	g, ok := s.Index.(Generationer)
	if !ok {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		gen := g.Generation()
		key := r.URL.RequestURI()
		c := &s.answers
		c.mu.Lock()
		if c.gen != gen || c.entries == nil {
			c.gen, c.entries = gen, map[string]cachedAnswer{}
		}
		a, hit := c.entries[key]
		c.mu.Unlock()
		if !hit {
			// Compute the full answer, whatever the client already has.
			r2 := r.Clone(r.Context())
			r2.Header.Del("If-None-Match")
			rec := &recorder{header: http.Header{}, code: http.StatusOK}
			h(rec, r2)
			if rec.code != http.StatusOK {
				rec.replay(w)
				return
			}
			a = cachedAnswer{header: rec.header, body: rec.body.Bytes()}
			c.mu.Lock()
			if c.gen == gen {
				if len(c.entries) >= maxCachedAnswers {
					c.entries = map[string]cachedAnswer{}
				}
				c.entries[key] = a
			}
			c.mu.Unlock()
		}
		for k, v := range a.header {
			w.Header()[k] = slices.Clone(v) // the cached slices are shared: later Adds must not reach them
		}
		if etagMatch(r.Header.Get("If-None-Match"), a.header.Get("ETag")) {
			w.Header().Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(a.body) //nolint:errcheck // the client went away
	}
}

// recorder captures an answer.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.code = code }

func (r *recorder) replay(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.WriteHeader(r.code)
	w.Write(r.body.Bytes()) //nolint:errcheck
}
