package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateNetwork is returned for a connection to a loopback, private,
// link-local or otherwise internal address while allow_private_networks is
// off: a feed must not be able to point the crawler at an internal service.
var ErrPrivateNetwork = errors.New("private network address refused (set allow_private_networks to crawl it)")

var cgnat = netip.MustParsePrefix("100.64.0.0/10")

func isInternal(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || cgnat.Contains(ip)
}

// guardedDialer refuses internal addresses after DNS resolution, so a
// hostname that resolves to 127.0.0.1 is caught as well.
func guardedDialer(allowPrivate bool, timeout time.Duration) *net.Dialer {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if allowPrivate {
		return d
	}
	d.Control = func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("dial %s: %w", address, err)
		}
		if isInternal(ap.Addr()) {
			return fmt.Errorf("dial %s: %w", address, ErrPrivateNetwork)
		}
		return nil
	}
	return d
}

// newTransport is the HTTP transport of one crawl: guarded dialing, at most
// perHost connections to one host, bounded header wait.
func newTransport(allowPrivate bool, timeout time.Duration, perHost int) *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           guardedDialer(allowPrivate, timeout).DialContext,
		MaxConnsPerHost:       max(perHost, 1),
		MaxIdleConnsPerHost:   max(perHost, 1),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   min(timeout, 10*time.Second),
		ResponseHeaderTimeout: timeout,
		ForceAttemptHTTP2:     true,
	}
}
