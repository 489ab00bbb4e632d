package crawler

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Query parameters that only track where a click came from.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "yclid": true, "dclid": true, "msclkid": true, "mc_cid": true, "mc_eid": true,
	"spm": true, "scm": true, "share_source": true, "share_medium": true, "share_from": true, "share_token": true,
	"sharer_shareid": true, "sharer_sharetime": true, "_hsenc": true, "_hsmi": true, "igshid": true,
	"ref_src": true, "wfr": true, "from_source": true, "isappinstalled": true, "_share": true,
}

// Canonicalize normalises a URL so that one page has one key: scheme and
// host lower-cased, default port and fragment dropped, utm_* and other
// tracking parameters removed, remaining parameters sorted.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("bad url %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("bad url %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return "", fmt.Errorf("bad url %q: no host", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https" {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	q := u.Query()
	for k := range q {
		if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
			q.Del(k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	u.RawQuery = b.String()
	return u.String(), nil
}
