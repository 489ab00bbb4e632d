package api

import (
	"crypto/subtle"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzhttp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"golang.org/x/time/rate"
)

// gzipped compresses answers for clients that accept it (klauspost's
// gzhttp: it skips bodies under 1 KiB and already-compressed types).
func gzipped(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024))
	if err != nil {
		panic(err)
	}
	return wrap(h)
}

// cors lets the configured origins read the API from a browser.
func (s *Server) cors(h http.Handler) http.Handler {
	if len(s.CORSOrigins) == 0 {
		return h
	}
	return cors.New(cors.Options{
		AllowedOrigins: s.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type", "If-None-Match"},
		ExposedHeaders: []string{"ETag", "Retry-After"},
		MaxAge:         600,
	}).Handler(h)
}

// rateLimit allows each client (by address) RateLimit requests a second
// with bursts of twice that; beyond, 429 with Retry-After.
func (s *Server) rateLimit(h http.Handler) http.Handler {
	perSec := s.RateLimit
	if perSec <= 0 {
		perSec = 20
	}
	lim := &clientLimiter{clients: map[string]*clientRate{}, rate: rate.Limit(perSec), burst: int(math.Ceil(2 * perSec))}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/healthz") || strings.HasPrefix(r.URL.Path, "/readyz") || r.URL.Path == "/metrics" {
			h.ServeHTTP(w, r)
			return
		}
		res := lim.reserve(clientAddr(r))
		if !res.OK() || res.Delay() > 0 {
			wait := time.Second
			if res.OK() {
				wait = res.Delay()
				res.Cancel()
			}
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.problem(w, r, http.StatusTooManyRequests, "too many requests from this client; try again after Retry-After seconds")
			return
		}
		h.ServeHTTP(w, r)
	})
}

type clientRate struct {
	lim  *rate.Limiter
	seen time.Time
}

type clientLimiter struct {
	mu      sync.Mutex
	clients map[string]*clientRate
	rate    rate.Limit
	burst   int
	swept   time.Time
}

func (l *clientLimiter) reserve(client string) *rate.Reservation {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if now.Sub(l.swept) > time.Minute { // forget clients idle for a while
		for k, c := range l.clients {
			if now.Sub(c.seen) > 10*time.Minute {
				delete(l.clients, k)
			}
		}
		l.swept = now
	}
	c := l.clients[client]
	if c == nil {
		c = &clientRate{lim: rate.NewLimiter(l.rate, l.burst)}
		l.clients[client] = c
	}
	c.seen = now
	return c.lim.ReserveN(now, 1)
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// requireToken lets a request through only with "Authorization: Bearer
// TOKEN", compared in constant time. Without a configured token, writes
// are disabled.
func (s *Server) requireToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.Token == "" {
			s.problem(w, r, http.StatusForbidden, "writes are disabled: configure api.token (or WALLBREAK_API_TOKEN)")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="wallbreak"`)
			s.problem(w, r, http.StatusUnauthorized, "a valid bearer token is required")
			return
		}
		h(w, r)
	}
}

// Metrics are the Prometheus metrics of a wallbreak process: HTTP latency
// by route, crawl counters and the index size. Other packages add theirs
// to Registry.
type Metrics struct {
	Registry *prometheus.Registry
	latency  *prometheus.HistogramVec
}

// NewMetrics registers the HTTP metrics and Go's runtime metrics.
func NewMetrics() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{Registry: reg, latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "wallbreak_http_request_duration_seconds",
		Help:    "Time to answer HTTP requests, by route and status code.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"route", "code"})}
	reg.MustRegister(m.latency, prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}

func (m *Metrics) instrument(route string, h http.Handler) http.Handler {
	if m == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		m.latency.WithLabelValues(route, strconv.Itoa(sw.code)).Observe(time.Since(start).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
