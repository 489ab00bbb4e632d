// Package demosite serves wallbreak's bundled sample site: a Discuz forum
// thread carrying the seed article, English and Chinese news pages, an RSS
// feed, a sitemap and a robots.txt. `wallbreak demo` and the end-to-end
// tests crawl it on loopback.
package demosite

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed site
var files embed.FS

// Site is the sample site's files.
func Site() fs.FS {
	sub, err := fs.Sub(files, "site")
	if err != nil {
		panic(err)
	}
	return sub
}

// lastModified is the fixed modification time the site reports, so that
// conditional requests behave like a real, unchanged site.
var lastModified = time.Date(2024, 2, 22, 9, 0, 0, 0, time.UTC)

// Handler serves the site. "{{BASE}}" in a file becomes the scheme and
// host the request came to, so feed and sitemap links work on any port.
// Responses carry ETag and Last-Modified and answer conditional requests
// with 304.
func Handler() http.Handler {
	site := Site()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		data, err := fs.ReadFile(site, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		data = bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte("http://"+r.Host))
		sum := sha256.Sum256(data)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		ctype := mime.TypeByExtension(path.Ext(name))
		if strings.HasSuffix(name, ".xml") {
			ctype = "application/xml; charset=utf-8"
		}
		if ctype == "" {
			ctype = "text/plain; charset=utf-8"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, name, lastModified, bytes.NewReader(data))
	})
}

// Server is a running sample site.
type Server struct {
	URL string // http://127.0.0.1:PORT
	srv *http.Server
	ln  net.Listener
}

// Start serves the sample site on addr ("127.0.0.1:0" for any free port).
func Start(addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), ln: ln,
		srv: &http.Server{Handler: Handler(), ReadHeaderTimeout: 5 * time.Second}}
	go s.srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed on Close
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }
